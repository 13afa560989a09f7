using Dapper;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using ReviewQueue.Debt;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.Subsystems;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Review;

/// <summary>
/// The rebuild may hand the followers the topics in batches, in any order: the debt and the sections of each
/// series stored are then row for row the ones a refresh given the whole list stores.
/// </summary>
public sealed class FollowerBatchTests
{
    [Fact]
    public async Task ARefreshGivenTheTopicsInShuffledBatchesStoresTheSameRowsAsOneGivenThemAll()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ledger = new TestLedger(settings: new Dictionary<string, string?>
        {
            ["Maintainers:File"] = RepoPaths.Of("samples", "demo-tree", "MAINTAINERS"),
        });
        await ledger.ImportAsync(RepoPaths.Of("samples", "demo.mbox"));
        var topics = await ledger.Services.GetRequiredService<SeriesProjection>().AsOfAsync(null, ct);
        Assert.True(topics.Count >= 5, $"{topics.Count} topics");

        // The same moment for every refresh, so that every figure can be compared.
        var time = new FixedTime(DateTimeOffset.UtcNow);
        ITopicsFollower[] followers =
        [
            new DebtProjection(ledger.Services.GetRequiredService<DebtStore>(), ledger.Services.GetRequiredService<ReviewRulesProvider>(),
                ledger.Services.GetRequiredService<ReviewPolicy>(), ledger.Services.GetRequiredService<ISubsystemMap>(), time),
            ledger.Services.GetServices<ITopicsFollower>().OfType<SubsystemLinks>().Single(),
        ];

        var whole = await RefreshAsync(ledger, followers, [topics], ct);
        // Not a trivial case: series wait in real sections, people review, history spans days.
        Assert.NotEmpty(whole.Waiting);
        Assert.Equal(3, whole.Meta.Count);
        Assert.NotEmpty(whole.People);
        Assert.True(whole.History.Select(h => h.Split('|')[1]).Distinct().Count() > 1);
        Assert.Contains(whole.Links, l => l.Contains("DEMO HARDWARE MONITORING", StringComparison.Ordinal));
        // The waiting series are ranked by SQLite from what was staged: as ReviewDebt's own sort ranks them.
        var report = ReviewDebt.Measure(topics, ledger.Services.GetRequiredService<ReviewRulesProvider>().Review,
            ledger.Services.GetRequiredService<ISubsystemMap>(), time.GetUtcNow());
        var ranks = new Dictionary<string, int>();
        var ranked = report.Waiting.SelectMany(w => w.Subsystems.Select(section =>
            $"{section}|{ranks[section] = ranks.GetValueOrDefault(section) + 1}|{w.TopicId}|{DebtProjection.Json(w)}")).ToList();
        Assert.Equal(ranked.Order(StringComparer.Ordinal), whole.Waiting.Order(StringComparer.Ordinal));

        foreach (int seed in new[] { 1, 17, 2026 })
        {
            var shuffled = topics.ToArray();
            new Random(seed).Shuffle(shuffled);
            var batched = await RefreshAsync(ledger, followers, shuffled.Chunk(seed % 3 + 1).ToList(), ct);
            Assert.Equal(whole.Subsystems, batched.Subsystems);
            Assert.Equal(whole.Waiting, batched.Waiting);
            Assert.Equal(whole.People, batched.People);
            Assert.Equal(whole.History, batched.History);
            Assert.Equal(whole.Links, batched.Links);
            Assert.Equal(whole.Meta, batched.Meta);
        }
    }

    sealed record Tables(List<string> Subsystems, List<string> Waiting, List<string> People, List<string> History, List<string> Links, List<string> Meta);

    /// <summary>One refresh of every follower from scratch (no earlier refresh, no sections recorded), fed the batches as given.</summary>
    static async Task<Tables> RefreshAsync(TestLedger ledger, ITopicsFollower[] followers, IReadOnlyList<IReadOnlyList<Topic>> batches,
        CancellationToken ct)
    {
        using (var c = ledger.Ledger.Connect())
            c.Execute("DELETE FROM meta WHERE key = @key; DELETE FROM message_subsystems; DELETE FROM debt_history;",
                new { key = DebtStore.StampKey });
        foreach (var follower in followers)
        {
            await using var refresh = await follower.BeginAsync(ct);
            foreach (var batch in batches)
                await refresh.AddAsync(batch, ct);
            await refresh.EndAsync(ct);
        }
        using var db = ledger.Ledger.Connect();
        List<string> Rows(string sql) => db.Query<string>(sql).ToList();
        return new Tables(
            Rows("SELECT name || '|' || rank || '|' || open_series || '|' || waiting_patches || '|' || waiting_fixes || '|' || patch_days || '|' || data FROM debt_subsystems ORDER BY rank"),
            Rows("SELECT subsystem || '|' || rank || '|' || topic_id || '|' || data FROM debt_waiting ORDER BY subsystem, rank"),
            Rows("SELECT kind || '|' || key || '|' || rank || '|' || data FROM debt_people ORDER BY kind, rank"),
            Rows("SELECT subsystem || '|' || day || '|' || open_series || '|' || waiting_patches || '|' || waiting_fixes || '|' || patch_days FROM debt_history ORDER BY day, subsystem"),
            Rows("SELECT m.message_id || '|' || m.position || '|' || s.name FROM message_subsystems m JOIN subsystems s ON s.id = m.subsystem_id ORDER BY m.message_id, m.position"),
            Rows($"SELECT key || '|' || value FROM meta WHERE key IN ('{DebtStore.TotalKey}', '{DebtStore.BacklogJsonKey}', '{DebtStore.AsOfKey}') ORDER BY key"));
    }
}
