using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Install;

/// <summary>
/// Each command plays the multi-core JIT profile its last finished run recorded. Runs record into private
/// directories, and a later start moves a finished run's profile over the shared one (JitProfile), so
/// processes ending together never write one file at the same time.
/// </summary>
public sealed class JitProfileTests
{
    [Fact]
    public void ARunRecordsPrivatelyAndTheNextStartPublishesIt()
    {
        using var dir = new TempDir("rq-jit");
        var profiles = dir.File("profiles");
        var env = new Dictionary<string, string> { ["REVIEWQUEUE_JIT_PROFILES"] = profiles };

        Backlog(dir, env);
        var first = Assert.Single(Directory.GetDirectories(profiles, "run-*"));
        var recorded = File.ReadAllBytes(Path.Combine(first, "backlog.jitprofile"));
        Assert.NotEmpty(recorded);
        Assert.False(File.Exists(Path.Combine(profiles, "backlog.jitprofile")), "nothing is shared before a run has finished");

        Backlog(dir, env);
        Assert.Equal(recorded, File.ReadAllBytes(Path.Combine(profiles, "backlog.jitprofile")));
        var second = Assert.Single(Directory.GetDirectories(profiles, "run-*"));
        Assert.NotEqual(first, second);
        Assert.True(File.Exists(Path.Combine(second, "backlog.jitprofile")));
    }

    [Fact]
    public void ARunWhoseProcessIsAliveIsLeftAlone()
    {
        using var dir = new TempDir("rq-jit");
        var profiles = dir.File("profiles");
        var alive = Directory.CreateDirectory(Path.Combine(profiles, $"run-{Environment.ProcessId}-x")).FullName;
        File.WriteAllText(Path.Combine(alive, "backlog.jitprofile"), "still being recorded");

        Backlog(dir, new Dictionary<string, string> { ["REVIEWQUEUE_JIT_PROFILES"] = profiles });

        Assert.True(File.Exists(Path.Combine(alive, "backlog.jitprofile")));
        Assert.False(File.Exists(Path.Combine(profiles, "backlog.jitprofile")));
    }

    [Fact]
    public void TheyAreKeptInTheUsersCacheUnlessTurnedOff()
    {
        using var dir = new TempDir("rq-jit");
        var cache = dir.File("cache");
        Backlog(dir, new Dictionary<string, string> { ["XDG_CACHE_HOME"] = cache });
        Assert.Single(Directory.GetDirectories(Path.Combine(cache, "reviewqueue", "jit"), "run-*"));

        var off = dir.File("off");
        Backlog(dir, new Dictionary<string, string> { ["XDG_CACHE_HOME"] = off, ["REVIEWQUEUE_JIT_PROFILES"] = "" });
        Assert.False(Directory.Exists(off));
    }

    [Theory]
    [InlineData("--db x.db import -", "import")]
    [InlineData("series --json", "series")]
    [InlineData("--help", "reviewqueue")]
    public void EachCommandKeepsItsOwnProfile(string line, string profile) =>
        Assert.Equal(profile, JitProfile.CommandOf(["import", "series", "run"], line.Split(' ')));

    static void Backlog(TempDir dir, Dictionary<string, string> env)
    {
        var run = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), "backlog"], env: env);
        Assert.True(run.ExitCode == 0, run.Stderr);
    }
}
