using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Install;

/// <summary>
/// Each command plays the multi-core JIT profile its last finished run recorded. Runs record into folders of their
/// own, locked while their process lives, and a later start moves a finished run's profile over the shared one
/// (JitProfile), so processes ending together never write one file at the same time.
/// </summary>
public sealed class JitProfileTests
{
    [Fact]
    public void ARunRecordsPrivatelyAndTheNextStartPublishesIt()
    {
        // The runtime compiles ahead only with a core to spare (and then records nothing).
        Assert.SkipWhen(Environment.ProcessorCount < 2, "multi-core JIT needs two cores");
        using var dir = new TempDir("rq-jit");
        var profiles = dir.File("profiles");
        var env = new Dictionary<string, string> { ["REVIEWQUEUE_JIT_PROFILES"] = profiles };

        Backlog(dir, env);
        var first = Assert.Single(Directory.GetDirectories(profiles));
        Assert.StartsWith("run-", Path.GetFileName(first));
        var recorded = File.ReadAllBytes(Path.Combine(first, "backlog.jitprofile"));
        Assert.NotEmpty(recorded);
        Assert.False(File.Exists(Path.Combine(profiles, "backlog.jitprofile")), "nothing is shared before a run has finished");

        Backlog(dir, env);
        Assert.Equal(recorded, File.ReadAllBytes(Path.Combine(profiles, "backlog.jitprofile")));
        var second = Assert.Single(Directory.GetDirectories(profiles));
        Assert.NotEqual(first, second);
        // What the second run played was removed at its start: its folder holds what it recorded as it ended.
        Assert.True(File.Exists(Path.Combine(second, "backlog.jitprofile")));
    }

    [Fact]
    public void ARunWhoseLockIsHeldIsLeftAloneUntilItEnds()
    {
        using var dir = new TempDir("rq-jit");
        var profiles = dir.File("profiles");
        var env = new Dictionary<string, string> { ["REVIEWQUEUE_JIT_PROFILES"] = profiles };
        var running = Directory.CreateDirectory(Path.Combine(profiles, "run-elsewhere")).FullName;
        // Another command's run (a backlog run records its own profile beside it).
        File.WriteAllText(Path.Combine(running, "series.jitprofile"), "written as its process ended");

        using (LockFile.TryTake(Path.Combine(running, "lock")))
        {
            Backlog(dir, env);
            Assert.True(File.Exists(Path.Combine(running, "series.jitprofile")));
            Assert.False(File.Exists(Path.Combine(profiles, "series.jitprofile")));
        }

        Backlog(dir, env);
        Assert.False(Directory.Exists(running));
        Assert.Equal("written as its process ended", File.ReadAllText(Path.Combine(profiles, "series.jitprofile")));
    }

    [Fact]
    public void AStartCutShortBeforeItBecameARunIsRemovedOnceAbandoned()
    {
        using var dir = new TempDir("rq-jit");
        var profiles = dir.File("profiles");
        var env = new Dictionary<string, string> { ["REVIEWQUEUE_JIT_PROFILES"] = profiles };
        var abandoned = Directory.CreateDirectory(Path.Combine(profiles, "starting-killed")).FullName;
        Directory.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddHours(-1));
        var fresh = Directory.CreateDirectory(Path.Combine(profiles, "starting-now")).FullName; // another start, this moment

        Backlog(dir, env);

        Assert.False(Directory.Exists(abandoned));
        Assert.True(Directory.Exists(fresh));
    }

    [Fact]
    public void TheyAreKeptInTheUsersCacheUnlessTurnedOff()
    {
        using var dir = new TempDir("rq-jit");
        var cache = dir.File("cache");
        Backlog(dir, new Dictionary<string, string> { ["XDG_CACHE_HOME"] = cache, ["REVIEWQUEUE_JIT_PROFILES"] = Run.Unset });
        Assert.Single(Directory.GetDirectories(Path.Combine(cache, "reviewqueue", "jit"), "run-*"));

        var off = dir.File("off");
        Backlog(dir, new Dictionary<string, string> { ["XDG_CACHE_HOME"] = off, ["REVIEWQUEUE_JIT_PROFILES"] = "" });
        Assert.False(Directory.Exists(off));
    }

    [Fact]
    public void AFolderItCannotWriteLeavesTheCommandAsItWas()
    {
        using var dir = new TempDir("rq-jit");
        var notAFolder = dir.File("file");
        File.WriteAllText(notAFolder, "");
        Backlog(dir, new Dictionary<string, string> { ["REVIEWQUEUE_JIT_PROFILES"] = Path.Combine(notAFolder, "jit") });
    }

    [Theory]
    [InlineData("--db x.db import -", "import")]
    [InlineData("series --json", "series")]
    [InlineData("--help", "reviewqueue")]
    public void EachCommandKeepsItsOwnProfile(string line, string profile) =>
        Assert.Equal(profile, JitProfile.CommandOf(["import", "series", "run"], line.Split(' ')));

    static void Backlog(TempDir dir, Dictionary<string, string> env)
    {
        // `backlog` reads an existing ledger only; created here, not by another command, which would record a profile of its own.
        if (!File.Exists(dir.File("ledger.db")))
        {
            Ledger.Open(dir.File("ledger.db"));
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        var run = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), "backlog"], env: env);
        Assert.True(run.ExitCode == 0, run.Stderr);
    }
}
