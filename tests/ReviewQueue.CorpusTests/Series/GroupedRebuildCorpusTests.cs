using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Series;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Series;

/// <summary>
/// Real list mail assembled group by group, in batches far smaller than the ledger, writes what assembling it all
/// at once writes: every topic, the derived events, section links and debt. The hwmon half-year, then every other
/// mbox of the corpus in one ledger (Patchwork's, b4's and git's test mails: the odd threading cases).
/// </summary>
public sealed class GroupedRebuildCorpusTests(ITestOutputHelper output)
{
    static readonly DateTimeOffset Now = new(2025, 1, 15, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Owed by the real sections: Linux's MAINTAINERS over the 6.12 tree's files.</summary>
    [Fact]
    public Task TheHwmonHalfYearAssembledInBatchesOfGroupsIsTheSameAsAllAtOnce() =>
        AssertSameAsync([Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.mbox")], 100, new Dictionary<string, string?>
        {
            ["Maintainers:File"] = Corpus.Require("maintainers", "linux-6.12", "MAINTAINERS"),
            ["Maintainers:TreeFiles"] = Corpus.Require("maintainers", "linux-6.12", "tree-files-6.12.117.txt"),
        });

    [Fact]
    public Task EveryOtherCorpusMboxAssembledInBatchesOfGroupsIsTheSameAsAllAtOnce()
    {
        var hwmon = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.mbox");
        var all = Directory.EnumerateFiles(Corpus.Root!, "*.mbox", SearchOption.AllDirectories)
            .Where(p => p != hwmon).Order(StringComparer.Ordinal).ToArray();
        return AssertSameAsync(all, 10);
    }

    async Task AssertSameAsync(string[] paths, int batchMails, Dictionary<string, string?>? settings = null)
    {
        var ct = TestContext.Current.CancellationToken;
        using var whole = new TestLedger(settings: settings, time: new FixedTime(Now));
        using var grouped = new TestLedger(settings: settings, time: new FixedTime(Now));
        var projection = grouped.Services.GetRequiredService<SeriesProjection>();
        projection.BatchMails = batchMails;
        projection.WholeLedgerMails = 0;
        var a = await whole.ImportAsync(paths);
        var b = await grouped.ImportAsync(paths);
        Assert.Equal(a.New, b.New);

        var expected = await LedgerDump.RebuildTablesAsync(whole.Ledger, ct);
        var actual = await LedgerDump.RebuildTablesAsync(grouped.Ledger, ct);
        output.WriteLine($"{paths.Length} mbox, {a.New} mails, {expected["topics"].Count} topics, batches of {batchMails} mails");
        foreach (var table in LedgerDump.RebuildTables)
        {
            output.WriteLine($"{table}: {expected[table].Count} rows");
            Assert.Equal(expected[table], actual[table]);
        }
    }
}
