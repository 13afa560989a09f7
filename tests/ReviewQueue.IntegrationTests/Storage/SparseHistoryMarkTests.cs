using Dapper;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Storage;

/// <summary>
/// The builds up to 0dcdfa3 (2026-11-28 01:30) refuse a ledger that names a migration they do not have, and know
/// 0001–0009. They stored the daily debt history one row per section per day and read a day without a row as no day
/// at all; since f1ed738 a day that follows from the day before is not stored. Opened by such a build, a ledger this
/// program wrote showed 138 of hwmon's 6,589 days, without a word: it must name a migration they do not know, so they
/// refuse it and leave it as it is.
/// </summary>
public sealed class SparseHistoryMarkTests
{
    static readonly long[] KnownToTheBuildsThatStoredEveryDay = [1, 3, 4, 5, 6, 7, 9];

    [Fact]
    public void ALedgerThisProgramWritesIsRefusedByTheBuildsThatStoredEveryDayOfTheHistory()
    {
        using var dir = new TempDir();
        var ledger = Ledger.Open(dir.File("l.db"));

        using var c = ledger.Connect();
        var versions = c.Query<long>("SELECT version FROM schema_migrations").ToList();
        Assert.Contains(versions, v => !KnownToTheBuildsThatStoredEveryDay.Contains(v));
    }
}
