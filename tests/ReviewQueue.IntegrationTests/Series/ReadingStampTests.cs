using Microsoft.Data.Sqlite;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Series;

/// <summary>
/// A ledger whose mail an earlier ReviewQueue read (other rules for trailers, notes, subjects) answers by those rules
/// until `reindex` reads it again: the commands say so, and stop saying it once it is done.
/// </summary>
public sealed class ReadingStampTests
{
    const string Mail = "From: Ada Author <ada@example.org>\nTo: l@example.org\nSubject: [PATCH] hwmon: (demo) fix\n" +
        "Date: Tue, 1 Oct 2024 10:00:00 +0000\nMessage-ID: <stamp-1@example.org>\n\nA fix.\n\nSigned-off-by: Ada Author <ada@example.org>\n";

    [Fact]
    public void ANewLedgerIsReadByTheseRulesAndNothingIsSaid()
    {
        using var dir = new TempDir();
        var db = dir.File("l.db");

        var import = ReviewQueueProgram.Run(["--db", db, "import", "-"], stdin: System.Text.Encoding.UTF8.GetBytes(Mail));
        var series = ReviewQueueProgram.Run(["--db", db, "series"]);

        Assert.Equal(0, import.ExitCode);
        Assert.DoesNotContain("reindex", import.Stderr);
        Assert.Equal(0, series.ExitCode);
        Assert.DoesNotContain("reindex", series.Stderr);
    }

    [Fact]
    public void ALedgerReadByEarlierRulesIsToldToReindexUntilItIs()
    {
        using var dir = new TempDir();
        var db = dir.File("l.db");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", "-"], stdin: System.Text.Encoding.UTF8.GetBytes(Mail)).ExitCode);
        Forget(db); // as a ledger written before the stamp, or by other rules

        var series = ReviewQueueProgram.Run(["--db", db, "series"]);
        var backlog = ReviewQueueProgram.Run(["--db", db, "backlog", "--json"]);
        var reindex = ReviewQueueProgram.Run(["--db", db, "reindex"]);
        var after = ReviewQueueProgram.Run(["--db", db, "series"]);

        Assert.Equal(0, series.ExitCode);
        Assert.Contains("`reviewqueue reindex` reads it again", series.Stderr);
        Assert.Contains("`reviewqueue reindex` reads it again", backlog.Stderr);
        Assert.True(reindex.ExitCode == 0, reindex.Stderr);
        Assert.DoesNotContain("reindex", reindex.Stderr);
        Assert.DoesNotContain("reindex", after.Stderr);
        Assert.Equal(series.Stdout, after.Stdout);
    }

    /// <summary>
    /// Until 2026-11-28, `reindex` (and `run`, which reindexes a ledger read by earlier rules at its start) dated a mail
    /// without a readable Date at 1970-01-01, where the import dates it by its arrival: such a mail became the oldest waiter,
    /// 20,000 days old. A ledger those rules (11) read is read again, so its dates are the import's.
    /// </summary>
    [Fact]
    public void ALedgerReindexedByRules11IsReadAgainForItsUndatedMail()
    {
        using var dir = new TempDir();
        var db = dir.File("l.db");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", "-"], stdin: System.Text.Encoding.UTF8.GetBytes(Mail)).ExitCode);
        using (var c = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            c.Open();
            using var stamp = new SqliteCommand("UPDATE meta SET value = '11' WHERE key = 'facts-read-by'", c);
            Assert.Equal(1, stamp.ExecuteNonQuery());
        }

        var series = ReviewQueueProgram.Run(["--db", db, "series"]);

        Assert.Equal(0, series.ExitCode);
        Assert.Contains("`reviewqueue reindex` reads it again", series.Stderr);
    }

    /// <summary>
    /// A ledger no rebuild measured yet (as the builds of 2026-11-26 left it: mail, no topics, no debt) has no stored
    /// backlog for `backlog --json` to print: it builds the answer, and said that `reindex` is due twice, once per way in.
    /// </summary>
    [Fact]
    public void BacklogJsonOnALedgerNeverMeasuredSaysOnceThatReindexIsDue()
    {
        using var dir = new TempDir();
        var db = dir.File("l.db");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", "-"], stdin: System.Text.Encoding.UTF8.GetBytes(Mail)).ExitCode);
        Forget(db);
        using (var c = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            c.Open();
            using var delete = new SqliteCommand("DELETE FROM meta WHERE key LIKE 'debt-%'", c);
            delete.ExecuteNonQuery();
        }

        var backlog = ReviewQueueProgram.Run(["--db", db, "backlog", "--json"]);

        Assert.Equal(0, backlog.ExitCode);
        Assert.Equal($"reviewqueue: {ReviewQueue.Series.ReadingStamp.Advice}", backlog.Stderr.Trim());
    }

    const string Backport = "From: Sam Stable <sam@example.org>\nTo: l@example.org\nSubject: [PATCH AUTOSEL 6.1 2/5] hwmon: (demo) fix\n" +
        "Date: Tue, 1 Oct 2024 10:00:00 +0000\nMessage-ID: <stamp-2@example.org>\n\nA fix.\n\nSigned-off-by: Ada Author <ada@example.org>\n---\n" +
        "diff --git a/drivers/hwmon/demo.c b/drivers/hwmon/demo.c\nindex 1111111..2222222 100644\n--- a/drivers/hwmon/demo.c\n" +
        "+++ b/drivers/hwmon/demo.c\n@@ -1,3 +1,3 @@\n int a;\n-int b;\n+int b2;\n int c;\n";

    /// <summary>
    /// Another review policy (here: backports are debt) is another measure: the commands say so until `reindex` has
    /// measured every day again under it, the first day of the history included; going back to the seeds' policy says so again.
    /// </summary>
    [Fact]
    public void ALedgerMeasuredUnderAnotherPolicyIsToldToReindexAndEveryDayIsMeasuredAgain()
    {
        using var dir = new TempDir();
        var db = dir.File("l.db");
        var backportsCount = new Dictionary<string, string> { ["Review__StableBackportsAreDebt"] = "true" };
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", "-"], stdin: System.Text.Encoding.UTF8.GetBytes(Backport)).ExitCode);
        var firstDayBefore = OpenOnFirstDay(db);

        var told = ReviewQueueProgram.Run(["--db", db, "series"], env: backportsCount);
        var reindex = ReviewQueueProgram.Run(["--db", db, "reindex"], env: backportsCount);
        var after = ReviewQueueProgram.Run(["--db", db, "series"], env: backportsCount);
        var firstDayAfter = OpenOnFirstDay(db);
        var back = ReviewQueueProgram.Run(["--db", db, "series"]);

        Assert.Equal(0, firstDayBefore);
        Assert.Equal(0, told.ExitCode);
        Assert.Contains("another review policy", told.Stderr);
        Assert.True(reindex.ExitCode == 0, reindex.Stderr);
        Assert.DoesNotContain("reindex", after.Stderr);
        Assert.Equal(1, firstDayAfter);
        Assert.Contains("another review policy", back.Stderr);
    }

    /// <summary>Open series on the history's first day (2024-10-01), over all sections.</summary>
    static long OpenOnFirstDay(string db)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var read = new SqliteCommand("SELECT open_series FROM debt_history WHERE day = '2024-10-01' AND subsystem = '(all)'", c);
        return (long)read.ExecuteScalar()!;
    }

    internal static void Forget(string db)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var delete = new SqliteCommand("DELETE FROM meta WHERE key = 'facts-read-by'", c);
        Assert.Equal(1, delete.ExecuteNonQuery());
    }

    internal static bool Stamped(string db)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var read = new SqliteCommand("SELECT count(*) FROM meta WHERE key = 'facts-read-by'", c);
        return (long)read.ExecuteScalar()! == 1;
    }
}
