using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Subsystems;

/// <summary>
/// Without a MAINTAINERS (none configured, none stored in the ledger) the commands say so in words the operator can act
/// on: the configuration keys, and the options only where the command has them.
/// </summary>
public sealed class NoMaintainersTests : IDisposable
{
    readonly TempDir dir = new("rq-nomaint");

    RunResult Rq(params string[] args) => ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), .. args], workDir: dir.Path);

    [Fact]
    public void SubsystemsOnALedgerWithoutSectionsSaysMaintainersIsMissingInsteadOfCrashing()
    {
        Ledger.Open(dir.File("ledger.db"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var r = Rq("subsystems");

        Assert.DoesNotContain("Unhandled exception", r.Stderr);
        Assert.Equal(78, r.ExitCode);
        Assert.Contains("reviewqueue: subsystems: no MAINTAINERS: set Maintainers:Tree or Maintainers:File", r.Stderr);
        Assert.DoesNotContain("--maintainers", r.Stderr); // subsystems has no such option
    }

    [Fact]
    public void TheWarningOfAnImportNamesTheKeysNotOptionsImportDoesNotHave()
    {
        var r = Rq("import", RepoPaths.Of("samples", "demo.mbox")); // from a folder without samples/: no demo MAINTAINERS

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("set Maintainers:Tree or Maintainers:File", r.Stderr);
        Assert.DoesNotContain("--maintainers", r.Stderr);
    }

    [Fact]
    public void TheMaintainersCommandAlsoNamesItsOwnOptions()
    {
        var r = Rq("maintainers", "drivers/hwmon/lm75.c");

        Assert.Equal(78, r.ExitCode);
        Assert.Contains("set Maintainers:Tree or Maintainers:File, or give --maintainers FILE or --tree NAME", r.Stderr);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
