using Dapper;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Core.Review;
using ReviewQueue.Debt;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Review;

/// <summary>The daily refresh with no new mail keeps the history it measured before and adds the days since.</summary>
public sealed class DebtHistoryRefreshTests
{
    [Fact]
    public async Task ARefreshWithNothingNewKeepsTheHistoryAndTheNextDayAddsOneRowPerSection()
    {
        var ct = TestContext.Current.CancellationToken;
        // One moment for the whole test: today's row is measured up to now, so a clock that runs on between the
        // import and the rebuild changes today's patch-days (by a rounding step now and then on a busy machine).
        var clock = new Frozen(DateTimeOffset.UtcNow);
        using var ledger = new TestLedger(time: clock);
        await ledger.ImportAsync(RepoPaths.Of("samples", "demo.mbox"));
        var before = History(ledger);
        Assert.NotEmpty(before);
        var today = clock.GetUtcNow().ToString("yyyy-MM-dd");
        Assert.Equal(today, before.Max(h => h.Day));
        // Days that only carry the one before forward are not stored (the demo's mail is weeks old).
        long stored = StoredRows(ledger);
        Assert.True(stored * 4 < before.Count, $"{stored} rows stored for {before.Count} days");

        // The same day, nothing new: the rebuild's refresh measures today again and keeps every older day.
        await ledger.Services.GetRequiredService<SeriesProjection>().RebuildAsync(ct);
        Assert.Equal(before, History(ledger));

        // A day later, still nothing new (the daily refresh of `run`): one more day per section, the rest as it was.
        var topics = await ledger.Services.GetRequiredService<SeriesProjection>().AsOfAsync(null, ct);
        var tomorrow = new DebtProjection(ledger.Services.GetRequiredService<DebtStore>(), ledger.Services.GetRequiredService<ReviewRulesProvider>(),
            ledger.Services.GetRequiredService<ReviewPolicy>(), ledger.Services.GetRequiredService<ISubsystemMap>(), new Frozen(clock.GetUtcNow().AddDays(1)));
        await tomorrow.RefreshAsync(topics, ct);

        var after = History(ledger);
        var next = clock.GetUtcNow().AddDays(1).ToString("yyyy-MM-dd");
        Assert.Equal(before.Where(h => h.Day != today).ToList(), after.Where(h => h.Day != today && h.Day != next).ToList());
        var sections = before.Where(h => h.Day == today).Select(h => h.Subsystem).ToList();
        Assert.Equal(sections, after.Where(h => h.Day == today).Select(h => h.Subsystem).ToList());
        Assert.Equal(sections, after.Where(h => h.Day == next).Select(h => h.Subsystem).ToList());
        // Nobody reviewed anything overnight: what waited today waits tomorrow, one day older. Today is now
        // measured at its end, no longer at the moment of the first refresh.
        foreach (var row in after.Where(h => h.Day == next))
        {
            var was = before.Single(h => h.Day == today && h.Subsystem == row.Subsystem);
            var ended = after.Single(h => h.Day == today && h.Subsystem == row.Subsystem);
            Assert.Equal(was.WaitingPatches, ended.WaitingPatches);
            Assert.Equal(was.WaitingPatches, row.WaitingPatches);
            Assert.True(was.PatchDays <= ended.PatchDays && ended.PatchDays < row.PatchDays,
                $"{row.Subsystem}: {was.PatchDays} patch-days at the first refresh, {ended.PatchDays} at today's end, {row.PatchDays} tomorrow");
        }

        // The day after, nothing new again: measured from tomorrow on, which only carries the days stored before it
        // forward, so it is not stored again; the new last day replaces tomorrow's.
        long storedTomorrow = StoredRows(ledger);
        var dayAfter = new DebtProjection(ledger.Services.GetRequiredService<DebtStore>(), ledger.Services.GetRequiredService<ReviewRulesProvider>(),
            ledger.Services.GetRequiredService<ReviewPolicy>(), ledger.Services.GetRequiredService<ISubsystemMap>(), new Frozen(clock.GetUtcNow().AddDays(2)));
        await dayAfter.RefreshAsync(topics, ct);
        Assert.Equal(storedTomorrow, StoredRows(ledger));
        Assert.Equal(after.Where(h => h.Day != next).ToList(), History(ledger).Where(h => string.CompareOrdinal(h.Day, today) <= 0).ToList());
    }

    sealed record Row(string Subsystem, string Day, long OpenSeries, long WaitingPatches, double PatchDays);

    static long StoredRows(TestLedger ledger)
    {
        using var c = ledger.Ledger.Connect();
        return c.ExecuteScalar<long>("SELECT count(*) FROM debt_history");
    }

    static List<Row> History(TestLedger ledger)
    {
        // Every day of every section, as the charts read them (the store fills in the days it leaves out).
        using var c = ledger.Ledger.Connect();
        var store = ledger.Services.GetRequiredService<DebtStore>();
        return c.Query<string>("SELECT DISTINCT subsystem FROM debt_history").ToList()
            .SelectMany(s => store.HistoryAsync(s, CancellationToken.None).GetAwaiter().GetResult())
            .Select(h => new Row(h.Subsystem, h.Day, h.OpenSeries, h.WaitingPatches, h.PatchDays))
            .OrderBy(h => h.Day, StringComparer.Ordinal).ThenBy(h => h.Subsystem, StringComparer.Ordinal).ToList();
    }

    sealed class Frozen(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
