using LibGit2Sharp;
using ReviewQueue.Git.Trees;

namespace ReviewQueue.IntegrationTests.Git;

public sealed class PatchIdAgreementTests(ITestOutputHelper output)
{
    [Fact]
    public void CommitPatchIdEqualsGitPatchIdStableOnEveryCommit()
    {
        using var fixture = new FixtureRepo();
        using var repo = new Repository(fixture.Path);
        var shas = fixture.Git("rev-list", "--all").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var fast = new FastCommitDiff(repo);
        int agreed = 0;
        var mismatches = new List<string>();
        foreach (var sha in shas)
        {
            var show = fixture.Git("show", sha).StdoutBytes;
            var expected = fixture.Git(show, "patch-id", "--stable").Stdout.Split(' ')[0].Trim();
            var ours = CommitDiff.PatchId(repo, repo.Lookup<Commit>(sha)) ?? "";
            var native = fast.PatchIds(repo.Lookup<Commit>(sha));
            Assert.Equal(CommitDiff.PatchIds(repo, repo.Lookup<Commit>(sha)), native);
            if (ours == expected)
                agreed++;
            else
                mismatches.Add($"{sha[..12]} {repo.Lookup<Commit>(sha).MessageShort}: git {expected}, ours {ours}\n{CommitDiff.Text(repo, repo.Lookup<Commit>(sha))}");
        }
        output.WriteLine($"patch-id agreement: {agreed}/{shas.Length} commits");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.True(shas.Length >= 9);
    }
}
