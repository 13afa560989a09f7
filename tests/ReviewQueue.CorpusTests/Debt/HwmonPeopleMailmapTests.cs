using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Core.Review;
using ReviewQueue.Debt;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Debt;

/// <summary>
/// hwmon's half-year counted under Linux 6.12's .mailmap, without one, and with a deployment's own line after the
/// kernel's: the figures README's "People and .mailmap" gives.
/// </summary>
public sealed class HwmonPeopleMailmapTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheKernelsMailmapMovesOnlyJiriKosinaOnHwmonAndADeploymentsOwnLineMergesUwe()
    {
        var ct = TestContext.Current.CancellationToken;
        var mbox = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.mbox");
        var kernel = Corpus.Require("maintainers", "linux-6.12", "mailmap");
        using var dir = new TempDir("rq-hwmon-mailmap");
        File.WriteAllText(dir.File("own.mailmap"), File.ReadAllText(kernel) +
            "Uwe Kleine-König <u.kleine-koenig@baylibre.com> <ukleinek@kernel.org>\n");
        File.WriteAllText(dir.File("empty.mailmap"), "");
        Dictionary<string, string?> Settings(string mailmap) => new()
        {
            ["Ledger:Database"] = dir.File("ledger.db"),
            ["Maintainers:File"] = Corpus.Require("maintainers", "linux-6.12", "MAINTAINERS"),
            ["Maintainers:TreeFiles"] = Corpus.Require("maintainers", "linux-6.12", "tree-files-6.12.117.txt"),
            ["Maintainers:Mailmap"] = mailmap,
        };
        PeopleReport mapped, unmapped, own;
        using (var ledger = new TestLedger(settings: Settings(kernel)))
        {
            await ledger.ImportAsync(mbox);
            mapped = await ledger.Services.GetRequiredService<Backlog>().PeopleAsync(null, ct);
        }
        using (var ledger = new TestLedger(settings: Settings(dir.File("empty.mailmap"))))
            unmapped = await ledger.Services.GetRequiredService<Backlog>().PeopleAsync(null, ct);
        using (var ledger = new TestLedger(settings: Settings(dir.File("own.mailmap"))))
            own = await ledger.Services.GetRequiredService<Backlog>().PeopleAsync(null, ct);
        output.WriteLine($"people: {unmapped.People.Count} without a mailmap, {mapped.People.Count} with the kernel's, {own.People.Count} with a line more");

        // The kernel's maps old addresses: of hwmon's people only Jiri Kosina's is one, and he writes from no other.
        Assert.Equal(154, unmapped.People.Count);
        Assert.Equal(154, mapped.People.Count);
        var jiri = Assert.Single(mapped.People, p => p.MappedFrom.Count > 0);
        Assert.Equal(("jikos@kernel.org", "Jiri Kosina"), (jiri.Key, jiri.Name));
        Assert.Equal(["jkosina@suse.com"], jiri.MappedFrom);
        Assert.Equal(unmapped.People.Single(p => p.Key == "jkosina@suse.com") with { Key = jiri.Key, MappedFrom = jiri.MappedFrom }, jiri);
        Assert.DoesNotContain(mapped.Domains, d => d.Key == "suse.com");
        Assert.Equal(unmapped.Domains.Single(d => d.Key == "kernel.org").Given + 1, mapped.Domains.Single(d => d.Key == "kernel.org").Given);

        // Uwe Kleine-König posted from BayLibre and reviewed from kernel.org: one person with that line.
        Assert.Equal(153, own.People.Count);
        var uwe = Assert.Single(own.People, p => p.Key == "u.kleine-koenig@baylibre.com");
        Assert.Equal((1, 7, -6), (uwe.Given, uwe.Needed, uwe.Balance));
        Assert.Equal(["ukleinek@kernel.org"], uwe.MappedFrom);

        // Nobody's reviews or patches are lost or counted twice, whoever they are counted as.
        foreach (var report in new[] { mapped, own })
            Assert.Equal((unmapped.People.Sum(p => p.Given), unmapped.People.Sum(p => p.Needed)),
                (report.People.Sum(p => p.Given), report.People.Sum(p => p.Needed)));
    }
}
