using System.Text.Json;
using Microsoft.Data.Sqlite;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Import;

/// <summary>`reviewqueue import -` as an MTA pipe calls it: the exit code says whether to retry (README).</summary>
public sealed class StdinImportTests
{
    [Fact]
    public void AReadableMailExitsZeroAndItsRepeatIsADuplicateThatAlsoExitsZero()
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        var mail = MailText.Bytes(MailText.Message(1, "stdin1@example.org"));

        var first = ReviewQueueProgram.Run(["--db", db, "import", "-", "--json"], mail);
        var again = ReviewQueueProgram.Run(["--db", db, "import", "-", "--json"], mail);

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal(1, JsonDocument.Parse(first.Stdout).RootElement.GetProperty("new").GetInt32());
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(1, JsonDocument.Parse(again.Stdout).RootElement.GetProperty("duplicate").GetInt32());
    }

    [Fact]
    public void ADeliveryDoesNotRepeatTheMissingMaintainersWhichAFileImportSays()
    {
        // Run in an empty folder: no Maintainers section, and not the repository's demo MAINTAINERS either.
        using var dir = new TempDir();
        var db = dir.File("ledger.db");

        var delivery = ReviewQueueProgram.Run(["--db", db, "import", "-"], MailText.Bytes(MailText.Message(1, "quiet@example.org")), workDir: dir.Path);
        File.WriteAllText(dir.File("one.mbox"), "From x Thu Jan  1 00:00:00 2026\n" + MailText.Message(2, "said@example.org"));
        var file = ReviewQueueProgram.Run(["--db", db, "import", dir.File("one.mbox")], workDir: dir.Path);

        Assert.True(delivery.ExitCode == 0, delivery.Stderr);
        Assert.DoesNotContain("No MAINTAINERS", delivery.Stderr);
        Assert.True(file.ExitCode == 0, file.Stderr);
        Assert.Contains("No MAINTAINERS for review debt", file.Stderr);
        // Said as a command says things (as git's "warning: "), not as the service's log ("warn: Category[EventId] …").
        Assert.StartsWith("reviewqueue: warning: No MAINTAINERS for review debt", file.Stderr);
    }

    [Fact]
    public void AnUnreadableMailExits65AndIsKeptWithItsReasonInRejected()
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        // No header line at all: nothing to tell who wrote it or what it is.
        var junk = MailText.Bytes("\u0001\u0002 this is not a mail, just a line of noise without any header\n");

        var import = ReviewQueueProgram.Run(["--db", db, "import", "-"], junk);
        var rejected = ReviewQueueProgram.Run(["--db", db, "rejected", "--json"]);

        Assert.True(import.ExitCode == 65, $"exit {import.ExitCode}: {import.Stdout} {import.Stderr}");
        Assert.True(rejected.ExitCode == 0, rejected.Stderr);
        var rows = JsonDocument.Parse(rejected.Stdout).RootElement;
        var row = Assert.Single(rows.EnumerateArray());
        Assert.Equal("stdin", row.GetProperty("source").GetString());
        Assert.Equal(junk.Length, row.GetProperty("raw_size").GetInt32());
        var reason = Assert.Single(row.GetProperty("reasons").EnumerateArray());
        Assert.False(string.IsNullOrWhiteSpace(reason.GetProperty("code").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(reason.GetProperty("detail").GetString()));
    }

    [Fact]
    public void ALockedDatabaseExits75AndStoresNothing()
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", "-"], MailText.Bytes(MailText.Message(1, "first@example.org"))).ExitCode);

        RunResult locked;
        using (var holder = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            holder.Open();
            using (var lockCommand = holder.CreateCommand())
            {
                lockCommand.CommandText = "BEGIN EXCLUSIVE";
                lockCommand.ExecuteNonQuery();
            }
            locked = ReviewQueueProgram.Run(["--db", db, "import", "-"], MailText.Bytes(MailText.Message(2, "second@example.org")),
                new Dictionary<string, string> { ["Ledger__BusyTimeout"] = "00:00:00.500" });
            using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        Assert.True(locked.ExitCode == 75, $"exit {locked.ExitCode}: {locked.Stdout} {locked.Stderr}");
        Assert.Contains("storage", locked.Stderr);
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var count = c.CreateCommand();
        count.CommandText = "SELECT group_concat(message_id) FROM messages";
        Assert.Equal("first@example.org", count.ExecuteScalar());
    }

    [Fact]
    public void ALedgerTheDeliveringUserMayNotWriteExits75NotACrash()
    {
        // As deployed: the ledger belongs to the service's user, and the mail server pipes as another one (nobody).
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", "-"], MailText.Bytes(MailText.Message(1, "owner@example.org"))).ExitCode);
        var mail = MailText.Bytes(MailText.Message(2, "delivered@example.org"));
        RunResult delivery;
        if (Environment.UserName == "root")
        {
            // root writes any file: deliver as nobody, as Postfix's pipe does.
            Directory.CreateDirectory(dir.File("home"));
            TestSupport.Run.Program("chmod", ["755", dir.Path]);
            delivery = TestSupport.Run.Program("runuser", ["-u", "nobody", "--", "env", "HOME=" + dir.File("home"), "DOTNET_NOLOGO=1",
                "REVIEWQUEUE_JIT_PROFILES=", "dotnet", ReviewQueueProgram.Dll, "--db", db, "import", "-"], stdin: mail);
        }
        else
        {
            TestSupport.Run.Program("chmod", ["444", db]);
            delivery = ReviewQueueProgram.Run(["--db", db, "import", "-"], mail);
        }

        Assert.True(delivery.ExitCode == 75, $"exit {delivery.ExitCode}: {delivery.Stdout} {delivery.Stderr}");
        Assert.Contains($"cannot open the ledger {db} for writing: ", delivery.Stderr);
        Assert.DoesNotContain("Unhandled exception", delivery.Stderr);
    }

    [Fact]
    public void AMailWithoutMessageIdIsStoredOnceWhetherPipedSavedWithCrlfOrReadFromAnMbox()
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        var mail = MailText.Message(1);
        var other = MailText.Message(2);
        var crlf = dir.File("crlf.eml");
        File.WriteAllText(crlf, mail.Replace("\n", "\r\n"));
        // The mail is not the mbox's last entry: the blank separator line before the next From line ends it.
        var mbox = dir.File("both.mbox");
        File.WriteAllText(mbox, MailText.MboxEntry(mail) + MailText.MboxEntry(other));

        var piped = ReviewQueueProgram.Run(["--db", db, "import", "-", "--json"], MailText.Bytes(mail));
        var saved = ReviewQueueProgram.Run(["--db", db, "import", crlf, "--json"]);
        var fromMbox = ReviewQueueProgram.Run(["--db", db, "import", mbox, "--json"]);

        Assert.Equal((1, 0), Counts(piped));
        Assert.Equal((0, 1), Counts(saved));
        Assert.Equal((1, 1), Counts(fromMbox)); // the other mail is new: a different mail, a different id
        var ids = Column(db, "SELECT message_id FROM messages WHERE synthetic = 1");
        Assert.Equal(2, ids.Distinct().Count());
        Assert.Equal(2, ids.Count);
    }

    [Fact]
    public void AnUnreadableMailOnStdinExits65AlsoWhenFilesAreImportedWithIt()
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        var good = dir.File("good.eml");
        File.WriteAllText(good, MailText.Message(1, "good@example.org"));
        var junk = MailText.Bytes("\u0001\u0002 this is not a mail, just a line of noise without any header\n");

        var import = ReviewQueueProgram.Run(["--db", db, "import", "-", good], junk);

        Assert.True(import.ExitCode == 65, $"exit {import.ExitCode}: {import.Stdout} {import.Stderr}");
        Assert.Equal(["good@example.org"], Column(db, "SELECT message_id FROM messages"));
        Assert.Equal(["stdin"], Column(db, "SELECT source FROM rejected"));
    }

    [Fact]
    public void AReadableMailOnStdinExitsZeroWhenAFileImportedWithItHasAnUnreadableMail()
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        var junk = dir.File("junk.eml");
        File.WriteAllText(junk, "X-Only: a header nobody reads\n\nbody\n");

        var import = ReviewQueueProgram.Run(["--db", db, "import", junk, "-"], MailText.Bytes(MailText.Message(1, "piped@example.org")));

        Assert.True(import.ExitCode == 0, $"exit {import.ExitCode}: {import.Stdout} {import.Stderr}");
        Assert.Equal(["piped@example.org"], Column(db, "SELECT message_id FROM messages"));
        Assert.Equal([junk], Column(db, "SELECT source FROM rejected"));
    }

    static (int New, int Duplicate) Counts(RunResult run)
    {
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stdout} {run.Stderr}");
        var summary = JsonDocument.Parse(run.Stdout).RootElement;
        return (summary.GetProperty("new").GetInt32(), summary.GetProperty("duplicate").GetInt32());
    }

    static List<string> Column(string db, string sql)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
            values.Add(reader.GetString(0));
        return values;
    }
}
