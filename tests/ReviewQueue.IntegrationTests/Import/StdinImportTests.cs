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
}
