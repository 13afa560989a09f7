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

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        developer.Dispose();
        work.Dispose();
    }
}
