using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ReviewQueue.Core.Digest;
using ReviewQueue.Core.Review;
using ReviewQueue.Core.Subsystems;
using ReviewQueue.Debt;
using ReviewQueue.Digest;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Digest;

/// <summary>
/// The digest a subscriber to every section gets the morning after hwmon's half-year, with Linux 6.12's MAINTAINERS, read
/// against the backlog it is made from. Every file is in THE REST (F: *), so THE REST's list is every waiting series.
/// </summary>
public sealed class HwmonDigestTests(ITestOutputHelper output)
{
    static readonly DateTimeOffset Morning = new(2025, 1, 1, 7, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// hwmon's half-year imported with Linux 6.12's MAINTAINERS, a subscription to every section, its digest that morning,
    /// and every waiting series (THE REST's list); <paramref name="bounds"/> overrides the Digest section's bounds.
    /// </summary>
    static async Task<(MimeMessage? Digest, IReadOnlyList<WaitingSeries> Every)> DigestOfEverySectionAsync(
        IReadOnlyDictionary<string, string?> bounds, CancellationToken ct)
    {
        var mbox = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.mbox");
        var settings = new Dictionary<string, string?>(bounds)
        {
            ["Maintainers:File"] = Corpus.Require("maintainers", "linux-6.12", "MAINTAINERS"),
            ["Maintainers:TreeFiles"] = Corpus.Require("maintainers", "linux-6.12", "tree-files-6.12.117.txt"),
            ["Digest:DashboardUrl"] = "https://rq.example.org",
        };
        using var ledger = new TestLedger(time: new FixedTime(Morning), settings: settings);
        await ledger.ImportAsync(mbox);
        var subscription = await ledger.Services.GetRequiredService<DigestStore>().SubscribeAsync("all@example.org", [], DigestSchedule.Daily,
            TimeSpan.Zero, "token", Morning.AddDays(-1), ct);
        var digest = await ledger.Services.GetRequiredService<DigestWriter>().PreviewAsync(subscription,
            new MailboxAddress("ReviewQueue", "rq@example.org"), ct);
        var every = (await ledger.Services.GetRequiredService<Backlog>().DebtAsync(Section.TheRest, null, ct))!.Waiting!;
        return (digest, every);
    }

    [Fact]
    public async Task ADigestOfEverySectionListsEachWaitingSeriesOnceUnderItsMostSpecificSection()
    {
        var ct = TestContext.Current.CancellationToken;
        // Every series shown, to see where each is listed; the bounded digest is the next test's.
        var (digest, every) = await DigestOfEverySectionAsync(
            new Dictionary<string, string?> { ["Digest:SeriesPerSection"] = "1000", ["Digest:SeriesPerDigest"] = "1000" }, ct);

        Assert.NotNull(digest);
        var text = digest.TextBody ?? "";
        Assert.StartsWith($"{every.Count} series wait for review", text);
        // Each series once (Add throws on a second), under its first section but THE REST: the driver's own, else
        // HARDWARE MONITORING for most.
        var lines = text.Split('\n');
        var under = new Dictionary<string, string>(StringComparer.Ordinal);
        string? section = null;
        for (int i = 0; i < lines.Length; i++)
            if (i + 1 < lines.Length && lines[i + 1].Length > 0 && lines[i + 1].All(c => c == '='))
                section = lines[i][..lines[i].LastIndexOf(" (", StringComparison.Ordinal)];
            else if (lines[i].StartsWith("  Dashboard: ", StringComparison.Ordinal))
                under.Add(lines[i][(lines[i].LastIndexOf('/') + 1)..], section!);
        Assert.Equal(every.Select(w => (w.TopicId, w.Subsystems.FirstOrDefault(n => n != Section.TheRest) ?? Section.TheRest)).Order(),
            under.Select(u => (u.Key, u.Value)).Order());
        foreach (var line in text.Split('\n').Where(l => !l.Contains("https://", StringComparison.Ordinal)))
            Assert.True(line.Length <= DigestComposer.Width, $"{line.Length} columns: {line}");

        using var raw = new MemoryStream();
        await digest.WriteToAsync(raw, ct);
        output.WriteLine($"{every.Count} series; text {text.Length:N0} characters, HTML {digest.HtmlBody?.Length:N0}, the mail {raw.Length:N0} bytes");
        Assert.InRange(raw.Length, 1, 256 * 1024);
    }

    /// <summary>
    /// The same digest with the shipped bounds (20 a section, 200 in all): HARDWARE MONITORING, where most of hwmon's series
    /// are listed, shows its first 20 and links to the rest; the headings still count every series, adding up to the digest's.
    /// </summary>
    [Fact]
    public async Task ABoundedDigestOfEverySectionCountsEverySeriesInItsHeadings()
    {
        var (digest, every) = await DigestOfEverySectionAsync(new Dictionary<string, string?>(), TestContext.Current.CancellationToken);

        var text = digest!.TextBody ?? "";
        var lines = text.Split('\n');
        var headings = lines.Where((l, i) => i + 1 < lines.Length && lines[i + 1].Length > 0 && lines[i + 1].All(c => c == '=')).ToList();
        var counts = headings.Select(h => h[(h.LastIndexOf(" (", StringComparison.Ordinal) + 2)..].Split(' ', ')')[0]).Select(int.Parse);
        Assert.Equal(every.Count, counts.Sum());
        var hwmon = Assert.Single(headings, h => h.StartsWith("HARDWARE MONITORING (", StringComparison.Ordinal));
        Assert.EndsWith(" waiting, 20 shown)", hwmon);
        // The link's page lists every series waiting in the section, also those listed here under a driver's section: the
        // line says how many, as the page does.
        var onPage = every.Count(w => w.Subsystems.Contains("HARDWARE MONITORING"));
        Assert.Contains($"more waiting in HARDWARE MONITORING (its page lists all {onPage}\nwaiting there):\n" +
            "https://rq.example.org/subsystems/HARDWARE%20MONITORING\n", text);
        // The subject names where most wait first, not the first sections by name (ABIT UGURU, one series).
        Assert.StartsWith($"[ReviewQueue] {every.Count} series wait for review: HARDWARE MONITORING, ", digest.Subject);
        var shown = lines.Count(l => l.StartsWith("  Dashboard: ", StringComparison.Ordinal));
        Assert.InRange(shown, 20, every.Count - 1);
        Assert.Contains($"{shown} of them are shown here", text.Replace('\n', ' '));
        output.WriteLine($"{every.Count} series, {shown} shown; {headings.Count} sections; {hwmon}; text {text.Length:N0} characters");
    }
}
