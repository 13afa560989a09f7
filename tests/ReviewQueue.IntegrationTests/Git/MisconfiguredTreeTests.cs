using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewQueue.Configuration;
using ReviewQueue.TestSupport;
using ReviewQueue.Trees;
using ReviewQueue.Workers;

namespace ReviewQueue.IntegrationTests.Git;

/// <summary>
/// A watched tree whose Path holds no repository, and none a sync would make: the configuration's mistake, named by its
/// key (`Trees:0:Path`) and exit 78 as at any start, not a failure to retry (75).
/// </summary>
public sealed class MisconfiguredTreeTests : IDisposable
{
    readonly TempDir dir = new();

    string Config(string path, string? remote = null)
    {
        var config = dir.File("config.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Trees = new[] { new { Name = "dev", Path = path, Remote = remote, Branches = new[] { "master" } } },
        }));
        return config;
    }

    [Fact]
    public void TreesSyncOfAPathThatIsNoRepositoryNamesTheKeyAndExits78()
    {
        var notRepo = Directory.CreateDirectory(dir.File("not-a-repo")).FullName;

        var sync = Cli(dir.File("ledger.db"), Config(notRepo), "trees", "sync");

        Assert.Equal(78, sync.ExitCode);
        Assert.Matches($@"^dev master: failed: Trees:0:Path is not a git repository: {System.Text.RegularExpressions.Regex.Escape(notRepo)} \(give a git repository, or a Remote to fetch into a new one\) in \d+\.\d{{3}} s$",
            sync.Stdout.Split('\n')[0]);
        var json = Cli(dir.File("ledger.db"), Config(notRepo), "trees", "sync", "--json");
        Assert.Equal(78, json.ExitCode);
        var branch = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("branches")[0];
        Assert.True(branch.GetProperty("misconfigured").GetBoolean());
        Assert.StartsWith("Trees:0:Path is not a git repository: ", branch.GetProperty("problem").GetString());
    }

    /// <summary>With a Remote a sync makes a bare repository at Path, but not inside a folder that holds other files.</summary>
    [Fact]
    public void ARemoteIsNotFetchedIntoAFolderOfOtherFiles()
    {
        var folder = Directory.CreateDirectory(dir.File("notes")).FullName;
        File.WriteAllText(Path.Combine(folder, "todo.txt"), "mine\n");

        var sync = Cli(dir.File("ledger.db"), Config(folder, "https://git.invalid/dev.git"), "trees", "sync");

        Assert.Equal(78, sync.ExitCode);
        Assert.Contains($"failed: Trees:0:Path is not a git repository, nor an empty folder to fetch Remote into: {folder}", sync.Stdout);
        Assert.Equal(["todo.txt"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName));
    }

    /// <summary>run's tree worker logs the key as an error at each sync and goes on serving.</summary>
    [Fact]
    public async Task RunsTreeWorkerLogsTheKeyAsAnErrorAndKeepsRunning()
    {
        var ct = TestContext.Current.CancellationToken;
        var notRepo = Directory.CreateDirectory(dir.File("not-a-repo")).FullName;
        var logs = new LogLines();
        using var host = TreeHost.Build(dir.File("ledger.db"), TreeHost.Tree("dev", notRepo, null, "master"), logs);
        var s = host.Services;
        using var worker = new TreeSyncWorker(s.GetRequiredService<IOptions<TreeList>>(), s.GetRequiredService<IOptions<TreeSyncOptions>>(),
            s.GetRequiredService<TreeSync>(), TimeProvider.System, s.GetRequiredService<ILogger<TreeSyncWorker>>());

        await worker.StartAsync(ct);
        var expected = $"Error Tree dev is not synced until its configuration is mended: Trees:0:Path is not a git repository: {notRepo} " +
            "(give a git repository, or a Remote to fetch into a new one)";
        for (int i = 0; i < 200 && !logs.Lines().Contains(expected); i++)
            await Task.Delay(50, ct);

        Assert.Contains(expected, logs.Lines());
        Assert.False(worker.ExecuteTask!.IsCompleted, "the worker stopped");
        await worker.StopAsync(ct);
    }

    static RunResult Cli(string db, string config, params string[] args) =>
        Run.Program("dotnet", [Path.Combine(AppContext.BaseDirectory, "reviewqueue.dll"), "--db", db, "--config", config, .. args],
            AppContext.BaseDirectory);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
