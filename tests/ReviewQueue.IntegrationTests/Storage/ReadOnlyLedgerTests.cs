using Dapper;
using Microsoft.Data.Sqlite;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Storage;

/// <summary>Ledger.OpenForReading: a read-only way in for commands that only read, after one look at the schema.</summary>
public sealed class ReadOnlyLedgerTests : IDisposable
{
    readonly TempDir dir = new("rq-readonly");

    [Fact]
    public void AMissingFileIsNotOpenedForReadingAndNotCreated()
    {
        var path = dir.File("missing.db");
        Assert.Null(Ledger.OpenForReading(path));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void AFileWithoutTheMigrationsTableIsNotCurrent()
    {
        var path = dir.File("bare.db");
        using (var c = new SqliteConnection($"Data Source={path}"))
        {
            c.Open();
            c.Execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)");
            Assert.False(Migrations.IsCurrent(c));
        }
        Assert.Null(Ledger.OpenForReading(path));
    }

    [Fact]
    public void AFileMissingOneMigrationIsNotCurrent()
    {
        var path = dir.File("older.db");
        Ledger.Open(path);
        using var c = new Ledger(path).Connect();
        Assert.True(Migrations.IsCurrent(c));
        c.Execute("DELETE FROM schema_migrations WHERE version = @Version", new { Migrations.All[^1].Version });
        Assert.False(Migrations.IsCurrent(c));
        Assert.Null(Ledger.OpenForReading(path));
    }

    [Fact]
    public async Task ACurrentFileIsReadButNeverWritten()
    {
        var path = dir.File("current.db");
        var writer = Ledger.Open(path);
        using (var c = writer.Connect())
            c.Execute("INSERT INTO meta(key, value) VALUES (@key, 'stored')", new { key = DebtStore.BacklogJsonKey });

        var reader = Ledger.OpenForReading(path);
        Assert.NotNull(reader);
        Assert.True(reader.ReadOnly);
        Assert.Equal("stored", await new DebtStore(reader).MetaAsync(DebtStore.BacklogJsonKey, TestContext.Current.CancellationToken));
        Assert.Null(await new DebtStore(reader).MetaAsync("no-such-key", TestContext.Current.CancellationToken));
        using var rc = reader.Connect();
        var e = Assert.Throws<SqliteException>(() => rc.Execute("INSERT INTO meta(key, value) VALUES ('k', 'v')"));
        Assert.Equal(8, e.SqliteErrorCode); // SQLITE_READONLY
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
