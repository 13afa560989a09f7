using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Import;
using ReviewQueue.Series;
using ReviewQueue.TestSupport;
using static ReviewQueue.IntegrationTests.Series.GroupedRebuildTests;

namespace ReviewQueue.IntegrationTests.Series;

/// <summary>
/// A rebuild swaps in only the topic rows that changed (TopicStore): nothing when nothing is new, the topic a reply
/// touched, the rows of topics that merged. What it leaves is what a new ledger built from the same mail holds.
/// </summary>
public sealed class TopicSwapTests
{
    static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    const string Ada = "Ada Author <ada@example.org>", Bo = "Bo Builder <bo@example.org>", Rita = "Rita Reviewer <rita@example.org>";

    static readonly string First =
        Entry("c", null, Start, "[PATCH 0/2] demo: a cover", "Two changes.\n", Ada) +
        Patch("c.1", "c", Start.AddMinutes(1), "[PATCH 1/2] demo: one", "one", Ada) +
        Patch("c.2", "c", Start.AddMinutes(1), "[PATCH 2/2] demo: two", "two", Ada) +
        Patch("k.v2", null, Start.AddDays(3), "[PATCH v2] change: a new title", "kx", Bo, "change-id: 20260105-k-v1-abcdef") +
        Patch("t", null, Start.AddHours(2), "[PATCH] other: an unrelated fix", "t", Ada);

    static readonly string Reply = Entry("c.r", "c", Start.AddHours(1), "Re: [PATCH 0/2] demo: a cover", "Acked-by: " + Rita + "\n", Rita);

    // v1, older than the v2 already in: the two become one topic under v1's id, and v2's topic goes.
    static readonly string Earlier = Patch("k", null, Start.AddMinutes(30), "[PATCH] change: first title", "k", Bo, "change-id: 20260105-k-v1-abcdef");

    [Fact]
    public async Task ARebuildWritesOnlyTheTopicRowsThatChanged()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ledger = new TestLedger(time: new FixedTime(Now));
        var projection = ledger.Services.GetRequiredService<SeriesProjection>();

        async Task<(SeriesProjection.Result Result, long Differ)> StoreAndRebuildAsync(string name, string mbox)
        {
            var path = ledger.Dir.File(name);
            File.WriteAllText(path, mbox);
            var before = await LedgerDump.RebuildTablesAsync(ledger.Ledger, ct);
            // Stored without the import's own rebuild, so the rebuild below is the one that takes the new mail.
            await ledger.Import.ImportAsync(MailSource.Open(path, null).Mails, null, ct);
            var result = await projection.RebuildAsync(ct);
            var after = await LedgerDump.RebuildTablesAsync(ledger.Ledger, ct);
            return (result, Differing(before, after, "topics") + Differing(before, after, "topic_messages"));
        }

        var first = await StoreAndRebuildAsync("first.mbox", First);
        Assert.Equal(3, first.Result.Topics);
        Assert.Equal(3 + 5, first.Result.RowsChanged); // every row is new: three topics, five messages

        var unchanged = await projection.RebuildAsync(ct);
        Assert.Equal(0, unchanged.RowsChanged);

        var replied = await StoreAndRebuildAsync("reply.mbox", Reply);
        Assert.Equal(2, replied.Differ); // the cover's topic (acked now) and the reply's message
        Assert.Equal(replied.Differ, replied.Result.RowsChanged);

        var merged = await StoreAndRebuildAsync("earlier.mbox", Earlier);
        Assert.Equal(3, merged.Result.Topics);
        Assert.Equal(4, merged.Differ); // v2's topic gone, v1's in; v2's message moved, v1's added
        Assert.Equal(merged.Differ, merged.Result.RowsChanged);

        // What the swaps left is what a new ledger of the same mail holds.
        using var fresh = new TestLedger(time: new FixedTime(Now));
        var all = fresh.Dir.File("all.mbox");
        File.WriteAllText(all, First + Reply + Earlier);
        await fresh.ImportAsync(all);
        Assert.Equal(await LedgerDump.RebuildTablesAsync(fresh.Ledger, ct), await LedgerDump.RebuildTablesAsync(ledger.Ledger, ct));
    }

    /// <summary>Rows inserted, deleted or changed between two dumps of a table keyed by its first column.</summary>
    static long Differing(Dictionary<string, List<string>> before, Dictionary<string, List<string>> after, string table)
    {
        static Dictionary<string, string> ByKey(List<string> rows) => rows.ToDictionary(r => r.Split(" | ")[0]);
        var (old, now) = (ByKey(before[table]), ByKey(after[table]));
        return old.Keys.Count(k => !now.ContainsKey(k)) + now.Count(kv => !old.TryGetValue(kv.Key, out var row) || row != kv.Value);
    }
}
