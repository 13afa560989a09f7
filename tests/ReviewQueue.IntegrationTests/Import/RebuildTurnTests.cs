using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Import;

/// <summary>
/// A mail server pipes each message to its own `reviewqueue import -`, several at once: their rebuilds take turns
/// across processes (RebuildLock), and one that finds every fact already read by the rebuild before it does nothing.
/// </summary>
public sealed class RebuildTurnTests
{
    [Fact]
    public async Task AnImportStoresItsMailThenWaitsForTheRebuildAnotherProcessHoldsAndCatchesUpAfter()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        var first = ReviewQueueProgram.Run(["--db", db, "import", "-"], MailText.Bytes(MailText.Message(1, "turn1@example.org")));
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal(0, await BehindAsync(db));

        Task<RunResult> second;
        await using (await RebuildLock.AcquireAsync(new Ledger(db), ct))
        {
            second = Task.Run(() => ReviewQueueProgram.Run(["--db", db, "import", "-", "--json"], MailText.Bytes(MailText.Message(2, "turn2@example.org"))), ct);
            // Its mail is stored, and its rebuild waits for the turn this test holds.
            for (int i = 0; i < 600 && await CountAsync(db, "SELECT count(*) FROM messages") < 2; i++)
                await Task.Delay(50, ct);
            Assert.Equal(2, await CountAsync(db, "SELECT count(*) FROM messages"));
            await Task.Delay(1000, ct);
            Assert.False(second.IsCompleted, "the import finished while another process held the rebuild");
            Assert.True(await BehindAsync(db) > 0);
        }
        var done = await second;
        Assert.True(done.ExitCode == 0, done.Stderr);
        Assert.Equal(0, await BehindAsync(db));
    }

    [Fact]
    public async Task ACatchUpThatFindsEveryFactReadAlreadyDoesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ledger = new TestLedger();
        await ledger.ImportAsync(RepoPaths.Of("samples", "demo.mbox"));
        var projection = ledger.Services.GetRequiredService<ReviewQueue.Series.SeriesProjection>();
        Assert.Null(await projection.CatchUpAsync(null, ct));

        await using (var c = await ledger.Ledger.ConnectAsync(ct))
            await c.ExecuteAsync("DELETE FROM meta WHERE key = 'projected_through_event'");
        var caughtUp = await projection.CatchUpAsync(null, ct);
        Assert.NotNull(caughtUp);
        Assert.True(caughtUp.Topics > 0);
        Assert.Null(await projection.CatchUpAsync(null, ct));
    }

    /// <summary>Facts stored that no finished rebuild has read (0 when caught up).</summary>
    static async Task<long> BehindAsync(string db)
    {
        var last = await CountAsync(db, "SELECT coalesce(max(id), 0) FROM events WHERE kind IN ('posted', 'replied', 'merged')");
        var through = await CountAsync(db, "SELECT coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'projected_through_event'), 0)");
        return Math.Max(0, last - through);
    }

    static async Task<long> CountAsync(string db, string sql)
    {
        await using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        await c.OpenAsync();
        return await c.ExecuteScalarAsync<long>(sql);
    }
}
