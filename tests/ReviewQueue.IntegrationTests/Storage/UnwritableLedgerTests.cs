using ReviewQueue.Commands;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Storage;

/// <summary>
/// A one-shot command on a ledger this user may not write (the service's, owned by another user): one line naming the file
/// and exit 75, as `run` and `import -` say it, never a stack trace.
/// </summary>
public sealed class UnwritableLedgerTests
{
    [Theory]
    [InlineData("reindex", "reindex")]
    [InlineData("digest subscribe maintainer@example.org", "digest subscribe")]
    [InlineData("trees sync", "trees sync")]
    [InlineData("series", "series")]
    public void ACommandOnALedgerItMayNotWriteSaysSoInOneLineWithExitCode75(string command, string named)
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", "-"], MailText.Bytes(MailText.Message(1, "owner@example.org"))).ExitCode);
        string[] args = ["--db", db, .. command.Split(' ')];
        RunResult run;
        if (Environment.UserName == "root")
        {
            // root writes any file: run the command as nobody, another user than the ledger's owner.
            Directory.CreateDirectory(dir.File("home"));
            TestSupport.Run.Program("chmod", ["755", dir.Path]);
            run = TestSupport.Run.Program("runuser", ["-u", "nobody", "--", "env", "HOME=" + dir.File("home"), "DOTNET_NOLOGO=1",
                "REVIEWQUEUE_JIT_PROFILES=", "dotnet", ReviewQueueProgram.Dll, .. args], timeout: TimeSpan.FromSeconds(60));
        }
        else
        {
            TestSupport.Run.Program("chmod", ["444", db]);
            run = ReviewQueueProgram.Run(args);
        }

        Assert.True(run.ExitCode == ExitCodes.TempFail, $"exit {run.ExitCode}: {run.Stdout} {run.Stderr}");
        Assert.Equal($"reviewqueue: {named}: cannot open the ledger {db} for writing: SQLite Error 8: 'attempt to write a readonly database'. " +
            $"This user must be able to write the ledger and its folder {dir.Path}, where SQLite keeps ledger.db-wal and ledger.db-shm beside it; " +
            "run the command as the ledger's owner.", run.Stderr.Trim());
    }
    // A --db through a file (a mistyped path, a ledger's folder where a file is): its folder cannot be made, said in one
    // line with exit 75 as for a ledger that cannot be written, not an unhandled exception (exit 1).
    [Theory]
    [InlineData("run", "run")]
    [InlineData("reindex", "reindex")]
    [InlineData("digest subscribe maintainer@example.org", "digest subscribe")]
    [InlineData("trees sync", "trees sync")]
    public void ACommandWhoseLedgerFolderCannotBeMadeSaysSoInOneLineWithExitCode75(string command, string named)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("plain-file"), "not a folder\n");
        var db = Path.Combine(dir.File("plain-file"), "ledger.db");

        var run = ReviewQueueProgram.Run(["--db", db, .. command.Split(' ')], env: new Dictionary<string, string> { ["Web__Urls"] = "http://127.0.0.1:0" });

        Assert.True(run.ExitCode == ExitCodes.TempFail, $"exit {run.ExitCode}: {run.Stdout} {run.Stderr}");
        Assert.Equal($"reviewqueue: {named}: cannot open the ledger {db} for writing: its folder cannot be made: " +
            $"The file '{dir.File("plain-file")}' already exists.", run.Stderr.Trim());
        Assert.True(File.Exists(dir.File("plain-file")));
    }

    /// <summary>
    /// `import` says it as the other commands do: "cannot open the ledger …: The file '…' already exists" alone read as if
    /// the ledger itself were in the way.
    /// </summary>
    [Fact]
    public void AnImportWhoseLedgerFolderCannotBeMadeSaysWhy()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("plain-file"), "not a folder\n");
        File.WriteAllText(dir.File("one.eml"), MailText.Message(1, "file@example.org"));
        var db = Path.Combine(dir.File("plain-file"), "ledger.db");

        var run = ReviewQueueProgram.Run(["--db", db, "import", dir.File("one.eml")]);

        Assert.True(run.ExitCode == ExitCodes.TempFail, $"exit {run.ExitCode}: {run.Stdout} {run.Stderr}");
        Assert.Equal($"reviewqueue: import: cannot open the ledger {db} for writing: its folder cannot be made: " +
            $"The file '{dir.File("plain-file")}' already exists; nothing was stored", run.Stderr.Trim());
    }

    // backlog --json opens the ledger read-only, yet SQLite must create the -wal and -shm files of a WAL ledger that no
    // `run` holds open: a reader who may not write the folder is told so, not only "attempt to write a readonly database".
    [Fact]
    public void BacklogJsonByAUserWhoMayNotWriteTheFolderSaysWhatSqliteNeeds()
    {
        if (Environment.UserName != "root")
            return; // another user than the ledger's owner is needed: runuser, as root
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", "-"], MailText.Bytes(MailText.Message(1, "owner@example.org"))).ExitCode);
        Directory.CreateDirectory(dir.File("home"));
        TestSupport.Run.Program("chmod", ["755", dir.Path]);
        var run = TestSupport.Run.Program("runuser", ["-u", "nobody", "--", "env", "HOME=" + dir.File("home"), "DOTNET_NOLOGO=1",
            "REVIEWQUEUE_JIT_PROFILES=", "dotnet", ReviewQueueProgram.Dll, "--db", db, "backlog", "--json"], timeout: TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == ExitCodes.TempFail, $"exit {run.ExitCode}: {run.Stdout} {run.Stderr}");
        Assert.Equal($"reviewqueue: backlog: cannot open the ledger {db}: SQLite Error 8: 'attempt to write a readonly database'. " +
            $"This user must be able to write the ledger and its folder {dir.Path}, where SQLite keeps ledger.db-wal and ledger.db-shm beside it; " +
            "run the command as the ledger's owner.", run.Stderr.Trim());
    }
}
