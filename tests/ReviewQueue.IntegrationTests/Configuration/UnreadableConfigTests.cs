using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Configuration;

/// <summary>
/// A --config file this user may not read (root's, mode 0640 for another group; a mail server's pipe user given the
/// service's file): one line naming the file, never a stack trace with exit 1. A one-shot command exits 75, as for a ledger
/// it may not write, so a Postfix pipe defers the mail (it bounces on 1 and on 78, EX_CONFIG); `run` exits 78.
/// </summary>
public sealed class UnreadableConfigTests
{
    [Theory]
    [InlineData("series", 75)]
    [InlineData("import -", 75)]
    [InlineData("run", 78)]
    public void AConfigFileThisUserMayNotReadStopsNamingIt(string command, int exitCode)
    {
        using var dir = new TempDir();
        var config = dir.File("rq.json");
        File.WriteAllText(config, $$"""{ "Ledger": { "Database": "{{dir.File("ledger.db")}}" } }""");
        TestSupport.Run.Program("chmod", ["600", config]);
        string[] args = ["--config", config, .. command.Split(' ')];
        RunResult run;
        if (Environment.UserName == "root")
        {
            // root reads any file: run the command as nobody, another user than the file's owner.
            Directory.CreateDirectory(dir.File("home"));
            TestSupport.Run.Program("chmod", ["755", dir.Path]);
            run = TestSupport.Run.Program("runuser", ["-u", "nobody", "--", "env", "HOME=" + dir.File("home"), "DOTNET_NOLOGO=1",
                "REVIEWQUEUE_JIT_PROFILES=", "dotnet", ReviewQueueProgram.Dll, .. args],
                stdin: MailText.Bytes(MailText.Message(1, "owner@example.org")), timeout: TimeSpan.FromSeconds(60));
        }
        else
        {
            TestSupport.Run.Program("chmod", ["000", config]);
            run = ReviewQueueProgram.Run(args, MailText.Bytes(MailText.Message(1, "owner@example.org")));
        }

        Assert.True(run.ExitCode == exitCode, $"exit {run.ExitCode}: {run.Stdout} {run.Stderr}");
        Assert.Equal($"reviewqueue: configuration: --config {config}: this user may not read it (permission denied)", run.Stderr.Trim());
    }

    /// <summary>`--config ""` (a script's unset variable) said "--config: no such file: ", naming nothing.</summary>
    [Fact]
    public void AnEmptyConfigIsSaidToBeEmpty()
    {
        var run = ReviewQueueProgram.Run(["--config", "", "series"]);

        Assert.True(run.ExitCode == 78, $"exit {run.ExitCode}: {run.Stdout} {run.Stderr}");
        Assert.Equal("reviewqueue: configuration: --config is empty: give the settings file's path", run.Stderr.Trim());
    }

    [Fact]
    public void AConfigFolderIsSaidToBeAFolder()
    {
        using var dir = new TempDir();

        var run = ReviewQueueProgram.Run(["--config", dir.Path, "series"]);

        Assert.True(run.ExitCode == 78, $"exit {run.ExitCode}: {run.Stdout} {run.Stderr}");
        Assert.Equal($"reviewqueue: configuration: --config: {dir.Path} is a folder; give the settings file in it", run.Stderr.Trim());
    }
}
