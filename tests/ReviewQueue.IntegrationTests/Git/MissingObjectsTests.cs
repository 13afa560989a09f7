using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;
using ReviewQueue.Trees;

namespace ReviewQueue.IntegrationTests.Git;

/// <summary>
/// A watched repository that lacks objects its commits name: a blobless partial clone (`git clone --filter=blob:none`,
/// common for kernel trees), whose blobs libgit2 cannot fetch on demand as git does.
/// <code>
///   partial: the fixture's commits and trees, no blob      good: the fixture itself
/// </code>
/// </summary>
public sealed class MissingObjectsTests : IDisposable
{
    readonly FixtureRepo developer = new();
    readonly TempDir work = new("rq-partial");

    /// <summary>
    /// The branch that cannot be indexed fails with the commit and libgit2's reason; the other trees still sync. It used to
    /// escape as an AggregateException: `trees sync` died with a stack trace, and run's tree worker, which lets only
    /// libgit2's, SQLite's and I/O errors pass, stopped the service.
    /// </summary>
    [Fact]
    public async Task ABranchWhoseBlobsAreMissingFailsNamingTheCommitAndTheOtherTreesStillSync()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = PartialAndGood("topic");

        var report = await host.Services.GetRequiredService<TreeSync>().SyncAsync(null, ct);

        var failed = report.Branches.Single(b => b.Tree == "partial");
        Assert.NotNull(failed.Problem);
        Assert.Matches("^commit [0-9a-f]{12}: libgit2 could not .*: .*not found", failed.Problem);
        Assert.False(failed.Misconfigured);
        var good = report.Branches.Single(b => b.Tree == "good");
        Assert.Equal((null, 8), (good.Problem, good.NewCommits));
        Assert.Null(await host.Services.GetRequiredService<TreeStore>().BranchAsync("partial", "origin/topic", ct));
    }

    /// <summary>
    /// `check` (and `show --json`'s applies and base, the API's) against such a repository says it cannot tell, and why,
    /// for that branch: it died with LibGit2Sharp's NotFoundException and a stack trace.
    /// </summary>
    [Fact]
    public async Task CheckOfAPatchAgainstABranchWhoseBlobsAreMissingIsUnknownWithTheReason()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = PartialAndGood("master");
        Assert.Equal(1, (await host.Services.GetRequiredService<ReviewQueue.Import.ImportRunner>().RunAsync([developer.PatchFiles[1]], null, false, null, ct)).New);
        var messageId = File.ReadLines(developer.PatchFiles[1]).First(l => l.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))[11..].Trim().Trim('<', '>');

        var patch = await host.Services.GetRequiredService<PatchCheck>().CheckAsync(messageId, null, ct);
        var revision = await host.Services.GetRequiredService<RevisionCheck>().CheckAsync(messageId, null, ct);

        foreach (var verdict in new[] { patch.Branches, revision!.Patches.Single().Branches })
        {
            var unknown = verdict.Single(v => v.Tree == "partial");
            Assert.Equal("unknown", unknown.Status);
            Assert.StartsWith("the repository could not be read: ", Assert.Single(unknown.Problems));
            Assert.Equal("applies", verdict.Single(v => v.Tree == "good").Status);
        }
    }

    /// <summary>Two trees watching <paramref name="branch"/>: "partial", a blobless clone of the fixture, and "good", the fixture.</summary>
    Microsoft.Extensions.Hosting.IHost PartialAndGood(string branch)
    {
        developer.Git("config", "uploadpack.allowFilter", "true");
        var partial = work.File("partial");
        Run.Program("git", ["clone", "-q", "--no-checkout", "--filter=blob:none", new Uri(developer.Path).AbsoluteUri, partial]);
        var settings = TreeHost.Tree("partial", partial, null, "origin/" + branch);
        settings["Trees:1:Name"] = "good";
        settings["Trees:1:Path"] = developer.Path;
        settings["Trees:1:Branches:0"] = branch;
        return TreeHost.Build(work.File("ledger.db"), settings);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        developer.Dispose();
        work.Dispose();
    }
}
