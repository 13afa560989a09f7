using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Import;

/// <summary>Crash safety: a real import process killed part-way, then run again, stores every message exactly once.</summary>
public sealed class KilledImportTests(ITestOutputHelper output)
{
    const int Messages = 20_000;

    [Fact]
    public async Task AnImportKilledPartWayAndRunAgainStoresEveryMessageExactlyOnce()
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        var mbox = dir.File("big.mbox");
        using (var w = new StreamWriter(mbox, false, new UTF8Encoding(false)))
            for (int n = 0; n < Messages; n++)
                w.Write(MailText.MboxEntry(MailText.Message(n, $"kill-{n}@example.org", $"Message {n}.\n")));
        var env = new Dictionary<string, string> { ["Import__BatchSize"] = "50" };

        // Kill twice at different points, so a kill can also land in a run that starts on a half-full ledger.
        long[] killedAt = new long[2];
        for (int round = 0; round < 2; round++)
        {
            using var child = ReviewQueueProgram.Start(["--db", db, "import", mbox], env);
            var target = (round + 1) * 2_000;
            var clock = Stopwatch.StartNew();
            while (!child.HasExited && Count(db) < target && clock.Elapsed < TimeSpan.FromMinutes(3))
                await Task.Delay(20, TestContext.Current.CancellationToken);
            Assert.False(child.HasExited, $"the import finished before it could be killed (round {round})");
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(TestContext.Current.CancellationToken);
            killedAt[round] = Count(db);
        }
        output.WriteLine($"killed with {killedAt[0]} and then {killedAt[1]} messages stored");
        Assert.InRange(killedAt[1], 1, Messages - 1);

        var rerun = ReviewQueueProgram.Run(["--db", db, "import", mbox, "--json"], env: env);

        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        output.WriteLine(rerun.Stdout);
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        Assert.Equal(Messages, Scalar(c, "SELECT count(*) FROM messages"));
        Assert.Equal(Messages, Scalar(c, "SELECT count(DISTINCT message_id) FROM messages"));
        Assert.Equal(Messages, Scalar(c, "SELECT count(*) FROM messages WHERE message_id LIKE 'kill-%@example.org'"));
        Assert.Equal(0, Scalar(c, "SELECT count(*) FROM rejected"));
        Assert.Equal("ok", new SqliteCommand("PRAGMA integrity_check", c).ExecuteScalar());
    }

    static long Count(string db)
    {
        if (!File.Exists(db))
            return 0;
        try
        {
            using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            c.Open();
            return Scalar(c, "SELECT count(*) FROM messages");
        }
        catch (SqliteException)
        {
            return 0; // not created yet
        }
    }

    static long Scalar(SqliteConnection c, string sql)
    {
        using var command = new SqliteCommand(sql, c);
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
