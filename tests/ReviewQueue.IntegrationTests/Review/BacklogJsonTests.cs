using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Review;

/// <summary>`backlog --json` for every section now: the JSON stored at the last debt refresh, read without the host.</summary>
public sealed class BacklogJsonTests : IDisposable
{
    readonly TempDir dir = new("rq-backlog-json");

    [Fact]
    public void TheStoredBacklogIsPrintedAsItIsAndTheLedgerIsLeftAsItWas()
    {
        var path = dir.File("ledger.db");
        const string stored = """{"as_of":"2026-11-27T00:00:00+00:00","source":"stored","subsystems":[{"name":"<written by the test>"}]}""";
        using (var c = Ledger.Open(path).Connect())
            c.Execute("INSERT INTO meta(key, value) VALUES (@key, @stored)", new { key = DebtStore.BacklogJsonKey, stored });
        SqliteConnection.ClearAllPools();
        var before = File.ReadAllBytes(path);

        var r = ReviewQueueProgram.Run(["--db", path, "backlog", "--json"], workDir: dir.Path);

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(stored + "\n", r.Stdout.Replace("\r\n", "\n"));
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void AMissingFileIsRefusedAndNotCreated()
    {
        var path = dir.File("new/ledger.db");

        var r = ReviewQueueProgram.Run(["--db", path, "backlog", "--json"], workDir: dir.Path);

        Assert.Equal(66, r.ExitCode);
        Assert.Contains(path, r.Stderr);
        Assert.False(Directory.Exists(dir.File("new")));
    }

    [Fact]
    public void AnEmptyFileIsMigratedAndItsBacklogIsEmptyWithNoDate()
    {
        var path = dir.File("ledger.db");
        File.WriteAllBytes(path, []); // as `touch` leaves it: no schema yet

        var r = ReviewQueueProgram.Run(["--db", path, "backlog", "--json"], workDir: dir.Path);

        Assert.True(r.ExitCode == 0, r.Stderr);
        var backlog = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Empty(backlog.GetProperty("subsystems").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, backlog.GetProperty("as_of").ValueKind);
        using var c = new Ledger(path).Connect();
        Assert.True(Migrations.IsCurrent(c));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
