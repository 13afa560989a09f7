using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ReviewQueue.Configuration;
using ReviewQueue.Digest;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Digest;

/// <summary>
/// A digest of a ledger the size of a busy list's. At about 1.2 KB a series, a subscription to every section of LKML's
/// thousands of waiting series passed Postfix's default message_size_limit (10 MB) and was refused, so its subscriber never
/// got one; far before that it is unreadable. Each section shows its first series and links to the rest on the dashboard.
/// </summary>
public sealed class DigestSizeTests(ITestOutputHelper output)
{
    static readonly DateTimeOffset Morning = new(2026, 11, 26, 7, 0, 0, TimeSpan.Zero);

    const string Maintainers = """
        WIDGET DRIVER
        M:	Ann Widget <ann@example.org>
        S:	Maintained
        F:	drivers/widget/

        GADGET CORE
        M:	Gil Gadget <gil@example.org>
        S:	Maintained
        F:	lib/gadget/

        THE REST
        M:	Linus Torvalds <torvalds@linux-foundation.org>
        S:	Buried alive in reporters
        F:	*
        F:	*/
        """;

    /// <summary>One single-patch series a day back from the morning, each touching a file under <paramref name="folder"/>.</summary>
    static void Series(StringBuilder mbox, string folder, int count, int first)
    {
        for (int i = first; i < first + count; i++)
        {
            var date = Morning.AddHours(-1 - i).ToString("ddd, dd MMM yyyy HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture);
            mbox.Append($"""
                From dev@example.org Mon Jan  1 00:00:00 2026
                From: Dev {i} <dev{i}@example.org>
                Date: {date}
                Message-ID: <series-{i}@example.org>
                Subject: [PATCH] {folder}: change number {i} of the file

                Signed-off-by: Dev {i} <dev{i}@example.org>
                ---
                diff --git a/{folder}/f{i}.c b/{folder}/f{i}.c
                --- a/{folder}/f{i}.c
                +++ b/{folder}/f{i}.c
                @@ -1,2 +1,2 @@
                 a
                -b
                +c{i}


                """.Replace("\r\n", "\n"));
        }
    }

    [Fact]
    public async Task ADigestOfThousandsOfWaitingSeriesStaysSmallAndSaysHowManyWait()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDir();
        File.WriteAllText(dir.File("MAINTAINERS"), Maintainers.Replace("\r\n", "\n") + "\n");
        var mbox = new StringBuilder();
        Series(mbox, "drivers/widget", 3000, 0);
        Series(mbox, "lib/gadget", 5, 3000);
        File.WriteAllText(dir.File("list.mbox"), mbox.ToString());
        using var ledger = new TestLedger(time: new FixedTime(Morning), settings: new Dictionary<string, string?>
        {
            ["Maintainers:File"] = dir.File("MAINTAINERS"),
            ["Digest:DashboardUrl"] = "https://rq.example.org",
        });
        await ledger.ImportAsync(dir.File("list.mbox"));
        var subscription = await ledger.Services.GetRequiredService<DigestStore>().SubscribeAsync("all@example.org", [], DigestSchedule.Daily,
            TimeSpan.Zero, "token", Morning.AddDays(-1), ct);

        var digest = await ledger.Services.GetRequiredService<DigestWriter>().PreviewAsync(subscription,
            new MailboxAddress("ReviewQueue", "rq@example.org"), ct);

        Assert.NotNull(digest);
        using var raw = new MemoryStream();
        await digest.WriteToAsync(raw, ct);
        var text = digest.TextBody ?? "";
        output.WriteLine($"text {text.Length:N0} characters, HTML {digest.HtmlBody?.Length:N0}, the mail {raw.Length:N0} bytes");
        Assert.InRange(raw.Length, 1, 256 * 1024);
        // The section where most wait first.
        Assert.Equal("[ReviewQueue] 3005 series wait for review: WIDGET DRIVER, GADGET CORE", digest.Subject);
        Assert.StartsWith("3005 series wait for review", text);
        Assert.Contains("25 of them are shown here (at most 20 per section)", text.Replace('\n', ' '));
        // The defaults (Digest:SeriesPerSection 20, Digest:SeriesPerDigest 200): the widgets' 20 oldest, the gadgets' 5.
        Assert.Equal(25, text.Split('\n').Count(l => l.StartsWith("  Dashboard: ", StringComparison.Ordinal)));
        Assert.Contains("\nWIDGET DRIVER (3000 waiting, 20 shown)\n", text);
        Assert.Contains("\nGADGET CORE (5)\n", text);
        Assert.Contains("\n...and 2980 more waiting in WIDGET DRIVER:\nhttps://rq.example.org/subsystems/WIDGET%20DRIVER\n", text);
        Assert.Contains("  Dashboard: https://rq.example.org/series/", text);
        Assert.Contains("<h2>WIDGET DRIVER (3000 waiting, 20 shown)</h2>", digest.HtmlBody);
        Assert.Contains("<p>...and 2980 more waiting in WIDGET DRIVER: <a href=\"https://rq.example.org/subsystems/WIDGET%20DRIVER\">", digest.HtmlBody);
    }

    [Theory]
    [InlineData("Digest:SeriesPerSection", "0", "Digest:SeriesPerSection must be at least 1 (is 0)")]
    [InlineData("Digest:SeriesPerDigest", "-5", "Digest:SeriesPerDigest must be at least 1 (is -5)")]
    public void ABoundBelowOneStopsTheStart(string key, string value, string problem)
    {
        using var dir = new TempDir();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ledger:Database"] = dir.File("l.db"), [key] = value }).Build();
        using var services = new ServiceCollection().AddReviewQueue(configuration).BuildServiceProvider();
        Assert.Equal([problem], services.GetRequiredService<SectionCheck>().Run(services));
    }
}
