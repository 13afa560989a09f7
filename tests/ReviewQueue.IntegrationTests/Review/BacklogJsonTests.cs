using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using ReviewQueue.Core.Review;
using ReviewQueue.Debt;
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
            c.Execute("INSERT INTO meta(key, value) VALUES (@key, @stored), (@stampKey, @stamp), (@byKey, @by)",
                new { key = DebtStore.BacklogJsonKey, stored, stampKey = DebtStore.StampKey, stamp = Stamp, byKey = DebtStore.BacklogJsonByKey, by = DebtStore.BacklogJsonBy(Stamp) });
        SqliteConnection.ClearAllPools();
        var before = File.ReadAllBytes(path);

        var r = ReviewQueueProgram.Run(["--db", path, "backlog", "--json"], workDir: dir.Path);

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(stored + "\n", r.Stdout.Replace("\r\n", "\n"));
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    const string Stamp = "2026-11-27T00:00:00Z";

    /// <summary>
    /// A ledger an earlier build refreshed: THE REST ranked first in its rows and its stored JSON, which says nothing of
    /// its order (or a later refresh by that build, after this one's, rewrote it). Its rows are printed, in the order of
    /// now, still without the host and without writing the ledger.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AStoredBacklogInAnEarlierOrderIsPrintedFromItsRowsAndTheLedgerIsLeftAsItWas(bool refreshedAgainByTheEarlierBuild)
    {
        // This build's record of an earlier refresh: the earlier build's refresh since did not write it again.
        var by = refreshedAgainByTheEarlierBuild ? DebtStore.BacklogJsonBy("2026-11-26T00:00:00Z") : null;
        var path = dir.File("ledger.db");
        var sections = new[] { Debt("THE REST", 3, 9.5), Debt("HARDWARE MONITORING", 2, 7.25), Debt("DEMO FAN DRIVER", 1, 2) };
        var earlier = DebtJson.Serialize(new BacklogView(DateTimeOffset.Parse(Stamp), "stored", Debt(ReviewDebt.All, 3, 9.5), sections, null));
        using (var c = Ledger.Open(path).Connect())
        {
            for (int i = 0; i < sections.Length; i++)
                c.Execute("""
                    INSERT INTO debt_subsystems(name, rank, open_series, waiting_patches, waiting_fixes, patch_days, data)
                    VALUES (@Name, @rank, @OpenSeries, @WaitingPatches, @WaitingFixes, @PatchDays, @data)
                    """, new { sections[i].Name, rank = i + 1, sections[i].OpenSeries, sections[i].WaitingPatches, sections[i].WaitingFixes,
                    sections[i].PatchDays, data = DebtProjection.Json(sections[i]) });
            foreach (var (key, value) in new[] { (DebtStore.BacklogJsonKey, earlier), (DebtStore.StampKey, Stamp), (DebtStore.AsOfKey, Stamp),
                (DebtStore.TotalKey, DebtProjection.Json(Debt(ReviewDebt.All, 3, 9.5))), (DebtStore.BacklogJsonByKey, by) })
                if (value is not null)
                    c.Execute("INSERT INTO meta(key, value) VALUES (@key, @value)", new { key, value });
        }
        SqliteConnection.ClearAllPools();
        var before = File.ReadAllBytes(path);

        var r = ReviewQueueProgram.Run(["--db", path, "backlog", "--json"], workDir: dir.Path);

        Assert.True(r.ExitCode == 0, r.Stderr);
        var now = DebtJson.Serialize(new BacklogView(DateTimeOffset.Parse(Stamp), "stored", Debt(ReviewDebt.All, 3, 9.5), [sections[1], sections[2], sections[0]], null));
        Assert.Equal(now + "\n", r.Stdout.Replace("\r\n", "\n"));
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    static SubsystemDebt Debt(string name, int open, double patchDays) =>
        new(name, open, open, 1, 1, patchDays, null, 0, Durations.None, 0, 0, null);

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
