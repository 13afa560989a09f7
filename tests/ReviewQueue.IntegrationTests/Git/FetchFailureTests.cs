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
/// A fetch that fails names the remote it tried, so an operator watching several trees sees which remote is down or
/// misspelled; the user name and password a URL may carry (a token, often) are never printed.
/// </summary>
public sealed class FetchFailureTests
{
    [Fact]
    public void AFailedFetchNamesTheRemoteUrlWithoutItsUserInfo()
    {
        using var dir = new TempDir();
        var gone = new Uri(dir.File("nothere.git")).AbsoluteUri;
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        const string secret = "s3cret-token";
        var config = dir.File("config.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Trees = new[]
            {
                new { Name = "gone", Path = dir.File("gone"), Remote = gone, Branches = new[] { "master" } },
                new { Name = "private", Path = dir.File("private"), Remote = $"https://maint:{secret}@127.0.0.1:1/x.git", Branches = new[] { "master" } },
            },
        }));
        var db = dir.File("ledger.db");

        var sync = Cli(db, config, "trees", "sync");
        Assert.Equal(75, sync.ExitCode);
        var lines = sync.Stdout.Split('\n');
        Assert.Contains(lines, l => l.StartsWith($"gone master: failed: could not fetch {gone}: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("private master: failed: could not fetch https://127.0.0.1:1/x.git: ", StringComparison.Ordinal));
        // The log line on stderr (the same as run's tree worker writes) names them too.
        Assert.Contains($"Tree gone could not be fetched from {gone}: ", sync.Stderr);
        Assert.Contains("Tree private could not be fetched from https://127.0.0.1:1/x.git: ", sync.Stderr);

        var json = Cli(db, config, "trees", "sync", "--json");
        Assert.Contains("could not fetch https://127.0.0.1:1/x.git: ", json.Stdout);
        var listed = Cli(db, config, "trees", "--json");
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("\"https://127.0.0.1:1/x.git\"", listed.Stdout);
        foreach (var said in new[] { sync.Stdout, sync.Stderr, json.Stdout, json.Stderr, listed.Stdout, listed.Stderr })
        {
            Assert.DoesNotContain(secret, said);
            Assert.DoesNotContain("maint", said);
        }
    }

    /// <summary>run's tree worker logs the same, and goes on serving.</summary>
    [Fact]
    public async Task RunsTreeWorkerLogsTheRemoteUrlWithoutItsUserInfo()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDir();
        var logs = new LogLines();
        using var host = TreeHost.Build(dir.File("ledger.db"),
            TreeHost.Tree("private", dir.File("mirror"), "https://maint:s3cret-token@127.0.0.1:1/x.git", "master"), logs);
        var s = host.Services;
        using var worker = new TreeSyncWorker(s.GetRequiredService<IOptions<TreeList>>(), s.GetRequiredService<IOptions<TreeSyncOptions>>(),
            s.GetRequiredService<TreeSync>(), TimeProvider.System, s.GetRequiredService<ILogger<TreeSyncWorker>>());

        await worker.StartAsync(ct);
        const string expected = "Error Tree private could not be fetched from https://127.0.0.1:1/x.git: ";
        for (int i = 0; i < 200 && !logs.Lines().Any(l => l.StartsWith(expected, StringComparison.Ordinal)); i++)
            await Task.Delay(50, ct);

        Assert.Contains(logs.Lines(), l => l.StartsWith(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines(), l => l.Contains("s3cret", StringComparison.Ordinal) || l.Contains("maint", StringComparison.Ordinal));
        Assert.False(worker.ExecuteTask!.IsCompleted, "the worker stopped");
        await worker.StopAsync(ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    static RunResult Cli(string db, string config, params string[] args) =>
        ReviewQueueProgram.Run(["--db", db, "--config", config, .. args]);
}
