using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Storage;

/// <summary>
/// --db naming a file that is no ledger (a mistyped path: an mbox, a config file) or a ledger SQLite finds damaged (a
/// disk that failed, a copy taken while it was written): one line that says which and what to do, not SQLite's words
/// alone. Nothing in the file is changed.
/// </summary>
public sealed class ForeignLedgerFileTests
{
    [Theory]
    [InlineData("series")]
    [InlineData("backlog")]
    [InlineData("import")]
    public void AFileThatIsNoDatabaseIsSaidToBeNoLedger(string command)
    {
        using var dir = new TempDir();
        var db = dir.File("list.mbox");
        File.WriteAllText(db, MailText.MboxEntry(MailText.Message(1, "not-a-ledger@example.org")));
        var before = File.ReadAllBytes(db);
        File.WriteAllText(dir.File("one.eml"), MailText.Message(2, "one@example.org"));
        string[] args = command == "import" ? ["--db", db, "import", dir.File("one.eml")] : ["--db", db, command];

        var run = ReviewQueueProgram.Run(args);

        Assert.True(run.ExitCode == 75, $"exit {run.ExitCode}: {run.Stdout} {run.Stderr}");
        var said = run.Stderr.Trim();
        Assert.DoesNotContain('\n', said);
        Assert.Contains($"{db} is no ReviewQueue ledger (SQLite finds no database in it): is --db (Ledger:Database) the right file?", said);
        Assert.Equal(before, File.ReadAllBytes(db));
    }

    [Fact]
    public void ADamagedLedgerIsSaidToBeDamagedWithTheWayToSaveItsMail()
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        File.WriteAllText(dir.File("one.eml"), MailText.Message(1, "one@example.org"));
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", dir.File("one.eml")]).ExitCode);
        // Cut after its first pages: the schema is there, the tables it points to are not.
        File.WriteAllBytes(db, File.ReadAllBytes(db)[..5000]);

        var run = ReviewQueueProgram.Run(["--db", db, "series"]);

        Assert.True(run.ExitCode == 75, $"exit {run.ExitCode}: {run.Stdout} {run.Stderr}");
        var said = run.Stderr.Trim();
        Assert.DoesNotContain('\n', said);
        Assert.Contains($"the ledger {db} is damaged", said);
        Assert.Contains("restore it from a backup", said);
        Assert.Contains("reviewqueue --db NEW.db reindex", said);
    }

    [Fact]
    public void DamageFoundWhileACommandReadsIsSaidInOneLine()
    {
        // The ledger opens; the command meets the damage as it reads.
        using var dir = new TempDir();
        var db = HoledLedger(dir);

        var run = ReviewQueueProgram.Run(["--db", db, "reindex"]);

        Assert.True(run.ExitCode == 75, $"exit {run.ExitCode}: {run.Stdout} {run.Stderr}");
        var said = run.Stderr.Trim();
        Assert.DoesNotContain('\n', said);
        Assert.StartsWith($"reviewqueue: reindex: the ledger {db} is damaged", said);
    }

    /// <summary>A ledger of 400 mails with 64 KB of zeros in its middle: it opens (its schema is whole), its mail is damaged.</summary>
    static string HoledLedger(TempDir dir)
    {
        var db = dir.File("ledger.db");
        var mbox = dir.File("list.mbox");
        var body = string.Concat(Enumerable.Range(0, 300).Select(i => $"line {i * 7919 % 100003} of a long mail\n"));
        File.WriteAllText(mbox, string.Concat(Enumerable.Range(1, 400).Select(n => MailText.MboxEntry(MailText.Message(n, $"m{n}@example.org", body)))));
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", mbox]).ExitCode);
        var bytes = File.ReadAllBytes(db);
        Array.Clear(bytes, bytes.Length / 2, 65536);
        File.WriteAllBytes(db, bytes);
        return db;
    }

    [Fact]
    public void TheWayADamagedLedgerSaysToSaveItsMailSavesIt()
    {
        // What the message says, run as it says it: the mail SQLite can still read is given up, and `reindex` makes a
        // ledger of it again.
        using var dir = new TempDir();
        var db = HoledLedger(dir);
        var said = ReviewQueueProgram.Run(["--db", db, "reindex"]).Stderr;
        var dump = said[(said.IndexOf("`sqlite3 ") + 1)..said.IndexOf("` and `reviewqueue")].Replace("NEW.db", dir.File("new.db"));

        var saved = TestSupport.Run.Program("sh", ["-c", dump], dir.Path);
        var reindex = ReviewQueueProgram.Run(["--db", dir.File("new.db"), "reindex"]);

        Assert.True(saved.ExitCode == 0, saved.Stderr);
        Assert.True(reindex.ExitCode == 0, reindex.Stderr);
        Assert.Matches(@"^reindexed 3\d\d messages \(0 unreadable\)", reindex.Stdout);
    }
}
