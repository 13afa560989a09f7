using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;
using ReviewQueue.Trees;

namespace ReviewQueue.IntegrationTests.Git;

/// <summary>
/// What the remote of a watched tree does between two syncs: a branch deleted there, a remote gone. The fixture's
/// repository cloned bare is the remote, fetched over file://.
/// <code>
///   base ── M1 (master)
///     └── T1 … T7 (topic)
/// </code>
/// </summary>
public sealed class RemoteChangeTests : IDisposable
{
    readonly FixtureRepo developer = new();
    readonly TempDir work = new("rq-remote");

    string Bare => work.File("upstream.git");

    /// <summary>
    /// A branch deleted upstream is not there any more: the sync says so (a retry may mend it, exit 75), as for a branch
    /// the remote never had, instead of syncing the copy the last fetch left behind as if it were the branch.
    /// </summary>
    [Fact]
    public async Task ABranchDeletedUpstreamIsReportedMissingNotSyncedAtItsOldHead()
    {
        var ct = TestContext.Current.CancellationToken;
        Run.Program("git", ["clone", "-q", "--bare", developer.Path, Bare]);
        using var host = TreeHost.Build(work.File("ledger.db"),
            TreeHost.Tree("dev", work.File("mirror"), new Uri(Bare).AbsoluteUri, "master", "topic"));
        var sync = host.Services.GetRequiredService<TreeSync>();
        var first = await sync.SyncAsync(null, ct);
        Assert.All(first.Branches, b => Assert.True(b.Problem is null, b.Problem));

        Run.Git(Bare, "branch", "-q", "-D", "topic");
        var second = await sync.SyncAsync(null, ct);

        Assert.Null(second.Branches.Single(b => b.Branch == "master").Problem);
        Assert.Equal("the remote has no branch topic", second.Branches.Single(b => b.Branch == "topic").Problem);
        // What was recorded of the branch stays: its head as last synced, its commits and merges.
        var state = await host.Services.GetRequiredService<TreeStore>().BranchAsync("dev", "topic", ct);
        Assert.Equal(developer.Head("topic"), state!.Head);
    }

    /// <summary>
    /// A remote that accepts the connection and then says nothing (a stuck server, on loopback here) fails the fetch after
    /// TreeSync:FetchTimeout, a failure to retry, instead of holding the sync, and so run's syncs of every tree, for ever.
    /// </summary>
    [Fact]
    public async Task ARemoteThatAcceptsAndStaysSilentFailsTheFetchAfterTheFetchTimeout()
    {
        var ct = TestContext.Current.CancellationToken;
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var accepted = new List<System.Net.Sockets.Socket>();
        var accepting = Task.Run(async () =>
        {
            while (true)
                accepted.Add(await listener.AcceptSocketAsync(ct));
        }, ct);
        var settings = TreeHost.Tree("stuck", work.File("mirror"), $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/x.git", "master");
        settings["TreeSync:FetchTimeout"] = "00:00:02";
        using var host = TreeHost.Build(work.File("ledger.db"), settings);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // On a thread of its own: a fetch that hangs holds the thread it runs on (the ledger's calls complete at once).
            var sync = host.Services.GetRequiredService<TreeSync>();
            var report = await Task.Run(() => sync.SyncAsync(null, ct), ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
            var branch = Assert.Single(report.Branches);
            Assert.Contains("timed out", branch.Problem);
            Assert.False(branch.Misconfigured);
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(30));
        }
        finally
        {
            listener.Stop();
            foreach (var socket in accepted.ToList())
                socket.Dispose();
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        developer.Dispose();
        work.Dispose();
    }
}
