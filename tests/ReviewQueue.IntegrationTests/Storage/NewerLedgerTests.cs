using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using ReviewQueue.Commands;
using ReviewQueue.IntegrationTests.MailStack;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Storage;

/// <summary>
/// A ledger a newer ReviewQueue migrated, opened by this one (an operator who went back a version): every command
/// refuses it in one line naming the migrations it does not know, exit 75, and the file is left as it was. Going on
/// would write rows the newer program takes as read by its own rules.
/// </summary>
public sealed class NewerLedgerTests
{
    const string Unknown = "9999_from_a_newer_reviewqueue";

    [Theory]
    [InlineData("series --json", "series")]
    [InlineData("backlog --json", "backlog")]
    [InlineData("reindex", "reindex")]
    [InlineData("trees sync", "trees sync")]
    public void ACommandOnALedgerANewerProgramMigratedRefusesItInOneLineAndLeavesItAsItWas(string command, string named)
    {
        using var dir = new TempDir();
        var db = Newer(dir);
        var before = Fingerprint(db);

        var run = ReviewQueueProgram.Run(["--db", db, .. command.Split(' ')]);

        Assert.True(run.ExitCode == ExitCodes.TempFail, $"exit {run.ExitCode}: {run.Stdout} {run.Stderr}");
        Assert.Equal("", run.Stdout);
        Assert.Equal($"reviewqueue: {named}: cannot open the ledger {db}{(named is "backlog" ? "" : " for writing")}: " +
            $"a newer ReviewQueue migrated it (schema {Unknown}; this one knows up to {Migrations.All[^1].Version:0000}): it is left as it is; run that ReviewQueue or a newer one",
            run.Stderr.Trim());
        Assert.Equal(before, Fingerprint(db));
    }

    [Fact]
    public void AMailDeliveredIntoALedgerANewerProgramMigratedIsNotStoredAndTheMailServerRetriesLater()
    {
        using var dir = new TempDir();
        var db = Newer(dir);
        var before = Fingerprint(db);

        var import = ReviewQueueProgram.Run(["--db", db, "import", "-"], MailText.Bytes(MailText.Message(2, "later@example.org")));

        Assert.True(import.ExitCode == ExitCodes.TempFail, $"exit {import.ExitCode}: {import.Stderr}");
        Assert.Contains("a newer ReviewQueue migrated it", import.Stderr);
        Assert.EndsWith("nothing was stored", import.Stderr.Trim());
        Assert.Single(import.Stderr.Trim().Split('\n'));
        Assert.Equal(before, Fingerprint(db));
    }

    [Fact]
    public void RunOnALedgerANewerProgramMigratedDoesNotStart()
    {
        using var dir = new TempDir();
        var db = Newer(dir);
        var before = Fingerprint(db);

        var run = TestSupport.Run.Program("dotnet", [ReviewQueueProgram.Dll, "--db", db, "run"], dir.Path,
            env: new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1", ["Web__Urls"] = $"http://127.0.0.1:{MailPrograms.FreePort()}" },
            timeout: TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == ExitCodes.TempFail, $"exit {run.ExitCode}: {run.Stdout} {run.Stderr}");
        Assert.Contains($"reviewqueue: run: cannot open the ledger {db} for writing: a newer ReviewQueue migrated it", run.Stderr);
        Assert.Equal(before, Fingerprint(db));
    }

    /// <summary>A ledger with one mail, then a migration this program does not have recorded as a newer one records it.</summary>
    static string Newer(TempDir dir)
    {
        var db = dir.File("ledger.db");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", "-"], MailText.Bytes(MailText.Message(1, "owner@example.org"))).ExitCode);
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var record = new SqliteCommand("INSERT INTO schema_migrations(version, name, applied) VALUES (9999, 'from_a_newer_reviewqueue', '2027-01-01T00:00:00Z'); " +
            "PRAGMA wal_checkpoint(TRUNCATE);", c);
        record.ExecuteNonQuery();
        return db;
    }

    /// <summary>What the file holds: the database's own bytes after any write-ahead log is checkpointed into it.</summary>
    static string Fingerprint(string db)
    {
        using (var c = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            c.Open();
            using var checkpoint = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE)", c);
            checkpoint.ExecuteNonQuery();
        }
        return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(db)));
    }
}
