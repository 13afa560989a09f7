using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Commands;

/// <summary>
/// An input file this user may not read (another user's mbox, a MAINTAINERS of mode 0600): one line naming the file and
/// exit 75, as for a --config file or a ledger it may not touch (mended by the permissions, so worth retrying), never
/// a .NET stack trace with exit 1. `import` said it so already; `inspect` and `maintainers` ended in a stack trace.
/// </summary>
public sealed class UnreadableInputTests : IDisposable
{
    readonly TempDir dir = new("rq-unreadable");

    string Secret => dir.File("secret.txt");
    string Maintainers => dir.File("MAINTAINERS");

    /// <summary>A folder the other user may write: its home, and where its ledger is made.</summary>
    string Home => dir.File("home");

    string Ledger => Path.Combine(Home, "ledger.db");

    public UnreadableInputTests()
    {
        File.Copy(RepoPaths.Of("samples", "demo-tree", "MAINTAINERS"), Maintainers);
        File.Copy(RepoPaths.Of("samples", "demo.mbox"), Secret);
        Run.Program("chmod", ["755", dir.Path]);
        Run.Program("chmod", ["644", Maintainers]);
        Run.Program("chmod", ["600", Secret]);
        Directory.CreateDirectory(Home);
        Run.Program("chmod", ["777", Home]);
    }

    [Theory]
    [InlineData("inspect SECRET")]
    [InlineData("maintainers --maintainers SECRET drivers/hwmon/")]
    [InlineData("maintainers --maintainers MAINTAINERS --tree-files SECRET drivers/hwmon/")]
    [InlineData("maintainers --maintainers MAINTAINERS SECRET")]
    public void AFileThisUserMayNotReadIsNamedInOneLine(string command)
    {
        string[] args = ["--db", Ledger, .. command.Replace("SECRET", Secret).Replace("MAINTAINERS", Maintainers).Split(' ')];

        var r = AsAnotherUser(args, []);

        AssertNamedInOneLine(command, r);
    }

    /// <summary>A Maintainers:File this user may not read, met by commands that read the ledger's mail against it.</summary>
    [Theory]
    [InlineData("subsystems")]
    [InlineData("reindex")]
    public void AConfiguredMaintainersThisUserMayNotReadIsNamedInOneLine(string command)
    {
        string[] ledger = ["--db", Ledger];
        var imported = AsAnotherUser([.. ledger, "import", Maintainers], []);
        Assert.True(imported.ExitCode == 0, imported.Stderr);

        var r = AsAnotherUser([.. ledger, command], new() { ["Maintainers__File"] = Secret });

        AssertNamedInOneLine(command, r);
    }

    void AssertNamedInOneLine(string command, RunResult r)
    {
        Assert.True(r.ExitCode == 75, $"exit {r.ExitCode}: {r.Stdout} {r.Stderr}");
        var said = r.Stderr.TrimEnd('\n').Split('\n');
        Assert.True(said.Length == 1, r.Stderr);
        Assert.StartsWith($"reviewqueue: {command.Split(' ')[0]}: ", said[0]);
        Assert.Contains(Secret, said[0]);
    }

    RunResult AsAnotherUser(string[] args, Dictionary<string, string> env)
    {
        if (Environment.UserName != "root")
        {
            Run.Program("chmod", ["000", Secret]);
            return ReviewQueueProgram.Run(args, env: env);
        }
        // root reads any file: run the command as nobody, another user than the file's owner.
        return Run.Program("runuser", ["-u", "nobody", "--", "env", "HOME=" + Home, "DOTNET_NOLOGO=1",
            "REVIEWQUEUE_JIT_PROFILES=", .. env.Select(e => $"{e.Key}={e.Value}"), "dotnet", ReviewQueueProgram.Dll, .. args],
            timeout: TimeSpan.FromSeconds(60));
    }

    public void Dispose() => dir.Dispose();
}
