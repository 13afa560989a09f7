using System.Text.Json;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Configuration;

/// <summary>
/// A command that only reads refuses a ledger that does not exist (a mistyped --db), creating nothing; the commands
/// that store create it. A ledger whose debt was never measured says so, with no date.
/// </summary>
public sealed class MissingLedgerTests
{
    [Theory]
    [InlineData("backlog")]
    [InlineData("backlog --json")]
    [InlineData("backlog --subsystem THE|REST")]
    [InlineData("people")]
    [InlineData("series")]
    [InlineData("show some-topic")]
    [InlineData("am some-topic")]
    [InlineData("check some-topic")]
    [InlineData("subsystems")]
    [InlineData("rejected")]
    [InlineData("lists")]
    [InlineData("trees")]
    [InlineData("digest list")]
    [InlineData("digest preview a@example.org")]
    public void AReadingCommandRefusesALedgerThatDoesNotExistAndCreatesNothing(string command)
    {
        using var dir = new TempDir("rq-noledger");
        var db = Path.Combine(dir.Path, "mistyped", "x.db");
        var r = ReviewQueueProgram.Run(["--db", db, .. command.Split(' ').Select(a => a.Replace('|', ' '))], workDir: dir.Path);
        Assert.Equal(66, r.ExitCode);
        Assert.Contains($"no ledger at {db}", r.Stderr);
        Assert.DoesNotContain("1970", r.Stdout);
        Assert.False(Directory.Exists(Path.GetDirectoryName(db)), "nothing is created");
    }

    [Fact]
    public void ACommandThatStoresStillCreatesTheLedger()
    {
        using var dir = new TempDir("rq-noledger");
        var db = Path.Combine(dir.Path, "new", "x.db");
        var r = ReviewQueueProgram.Run(["--db", db, "digest", "subscribe", "a@example.org"], workDir: dir.Path);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.True(File.Exists(db));
    }

    [Fact]
    public void ALedgerWhoseDebtWasNeverMeasuredSaysSoWithoutADate()
    {
        using var dir = new TempDir("rq-noledger");
        var db = dir.File("ledger.db");
        Ledger.Open(db); // the schema, and no rebuild yet
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var text = ReviewQueueProgram.Run(["--db", db, "backlog"], workDir: dir.Path);
        Assert.True(text.ExitCode == 0, text.Stderr);
        Assert.Contains("No review debt measured yet", text.Stdout);
        Assert.DoesNotContain("1970", text.Stdout);

        var json = ReviewQueueProgram.Run(["--db", db, "backlog", "--json"], workDir: dir.Path);
        Assert.True(json.ExitCode == 0, json.Stderr);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(json.Stdout).RootElement.GetProperty("as_of").ValueKind);

        var people = ReviewQueueProgram.Run(["--db", db, "people", "--json"], workDir: dir.Path);
        Assert.True(people.ExitCode == 0, people.Stderr);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(people.Stdout).RootElement.GetProperty("as_of").ValueKind);
    }
}
