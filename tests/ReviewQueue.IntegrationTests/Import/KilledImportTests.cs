using System.Diagnostics;
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
        var entries = Enumerable.Range(0, Messages)
            .Select(n => MailText.Bytes(MailText.MboxEntry(MailText.Message(n, $"kill-{n}@example.org", $"Message {n}.\n")))).ToList();
        var mbox = dir.File("big.mbox");
        File.WriteAllBytes(mbox, entries.SelectMany(e => e).ToArray());
        var env = new Dictionary<string, string> { ["Import__BatchSize"] = "50" };

        // Kill twice at different points, so a kill can also land in a run that starts on a half-full ledger. The killed
        // runs read the mbox through a FIFO that this test feeds: an import of such small mails outruns any polling of
        // the ledger on a busy machine, and one fed here can never run far past the point it is killed at. The feed
        // stops a little past it (the pipe kept open, so the import waits for more rather than finishing): the kill
        // lands while the import works when the poll is on time, and while it waits when the poll is late.
        // Each round's kill point is 2,000 past what the ledger holds when it starts: a late poll can let the first round
        // store up to 3,000 past its own, and a second round whose point the ledger already held would be killed before
        // it opened the FIFO, leaving the feed waiting for a reader.
        long[] killedAt = new long[2];
        for (int round = 0; round < 2; round++)
        {
            var target = Count(db) + 2_000;
            var fifo = dir.File($"feed-{round}.fifo");
            Assert.Equal(0, TestSupport.Run.Program("mkfifo", [fifo]).ExitCode);
            using var stopFeeding = new CancellationTokenSource();
            var feed = Task.Run(() => Feed(fifo, entries.Take((int)target + 3_000), stopFeeding.Token), TestContext.Current.CancellationToken);
            try
            {
                using var child = ReviewQueueProgram.Start(["--db", db, "import", fifo], env);
                var clock = Stopwatch.StartNew();
                while (!child.HasExited && Count(db) < target && clock.Elapsed < TimeSpan.FromMinutes(3))
                    await Task.Delay(20, TestContext.Current.CancellationToken);
                if (child.HasExited)
                    Assert.Fail($"the import ended before it could be killed (round {round}, exit code {child.ExitCode})");
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync(TestContext.Current.CancellationToken);
                killedAt[round] = Count(db);
            }
            finally
            {
                stopFeeding.Cancel();
                // A feed still waiting for a reader (the import ended before it opened the FIFO) is let go by one.
                if (await Task.WhenAny(feed, Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken)) != feed)
                    using (new FileStream(fifo, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
                    {
                    }
                await feed;
            }
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

    /// <summary>Writes the entries into the FIFO, then holds it open until told to stop; a reader killed meanwhile ends it.</summary>
    static async Task Feed(string fifo, IEnumerable<byte[]> entries, CancellationToken stop)
    {
        try
        {
            await using var pipe = new FileStream(fifo, FileMode.Open, FileAccess.Write, FileShare.Read, 1 << 16);
            foreach (var entry in entries)
            {
                if (stop.IsCancellationRequested)
                    return;
                await pipe.WriteAsync(entry, CancellationToken.None);
            }
            await pipe.FlushAsync(CancellationToken.None);
            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
            // The import was killed: the pipe has no reader any more.
        }
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
