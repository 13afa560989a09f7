using Dapper;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Storage;

public sealed class MigrationsTests
{
    [Fact]
    public void OpeningANewFileCreatesEveryTableInWalMode()
    {
        using var dir = new TempDir();
        var ledger = Ledger.Open(dir.File("sub/new.db"));

        using var c = ledger.Connect();
        var tables = c.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").ToList();
        Assert.Contains("messages", tables);
        Assert.Contains("rejected", tables);
        Assert.Contains("meta", tables);
        Assert.Contains("schema_migrations", tables);
        Assert.Equal("wal", c.ExecuteScalar<string>("PRAGMA journal_mode"));
        var versions = c.Query<long>("SELECT version FROM schema_migrations ORDER BY version").ToList();
        Assert.Equal(Migrations.All.Select(m => (long)m.Version), versions);
    }

    [Fact]
    public void OpeningAnExistingFileAppliesNothingTwiceAndKeepsTheData()
    {
        using var dir = new TempDir();
        var path = dir.File("ledger.db");
        var ledger = Ledger.Open(path);
        using (var c = ledger.Connect())
            c.Execute("INSERT INTO meta(key, value) VALUES ('kept', 'yes')");

        var again = Ledger.Open(path);
        using var c2 = again.Connect();
        Assert.Equal(0, Migrations.Apply(c2));
        Assert.Equal(Migrations.All.Count, c2.ExecuteScalar<long>("SELECT count(*) FROM schema_migrations"));
        Assert.Equal("yes", c2.ExecuteScalar<string>("SELECT value FROM meta WHERE key = 'kept'"));
    }

    [Fact]
    public void MigrationVersionsAreUniqueAndInOrder()
    {
        var versions = Migrations.All.Select(m => m.Version).ToList();
        Assert.NotEmpty(versions);
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }
}
