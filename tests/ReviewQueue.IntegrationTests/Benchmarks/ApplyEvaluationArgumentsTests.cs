using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Benchmarks;

/// <summary>The benchmarks program's apply-eval mode refuses a missing or wrong --repo in one line, before reading anything.</summary>
public sealed class ApplyEvaluationArgumentsTests
{
    static RunResult Bench(params string[] args) =>
        Run.Program("dotnet", [Path.Combine(AppContext.BaseDirectory, "ReviewQueue.Benchmarks.dll"), .. args], Path.GetTempPath());

    [Fact]
    public void ApplyEvalWithoutRepoSaysSoInOneLineAndExits64()
    {
        var r = Bench("apply-eval");
        Assert.Equal((64, "apply-eval: --repo LINUX_GIT is required (make it with scripts/make-linux-6.12-repo.sh)\n", ""),
            (r.ExitCode, r.Stderr, r.Stdout));
    }

    [Fact]
    public void ApplyEvalWithARepoThatIsNoRepositorySaysSoInOneLineAndExits66()
    {
        using var dir = new TempDir();
        var r = Bench("apply-eval", "--repo", dir.Path);
        Assert.Equal((66, $"apply-eval: --repo {dir.Path} is not a git repository (make it with scripts/make-linux-6.12-repo.sh)\n", ""),
            (r.ExitCode, r.Stderr, r.Stdout));
    }
}
