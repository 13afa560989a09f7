using LibGit2Sharp;
using ReviewQueue.Git.Trees;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Git;

public sealed class PatchIdAgreementTests(ITestOutputHelper output)
{
    [Fact]
    public void CommitPatchIdEqualsGitPatchIdStableOnEveryCommit()
    {
        using var fixture = new FixtureRepo();
        var agreed = Agreement(fixture.Path);
        Assert.True(agreed >= 9);
    }

    /// <summary>
    /// Tree shapes the sync's own tree comparison must get right before libgit2 diffs only the
    /// paths it found: a file replaced by a directory and back, a whole directory added and
    /// removed, names that sort around a directory ("a.c", "a/", "a0"), a mode change alone,
    /// a change deep down beside untouched siblings, a rename across directories, an empty commit.
    /// </summary>
    [Fact]
    public void CommitPatchIdEqualsGitOnTypeChangesWholeDirectoriesAndTreeOrderEdges()
    {
        using var dir = new TempDir("rq-tree-shapes");
        var path = dir.File("repo");
        Directory.CreateDirectory(path);
        RunResult Git(params string[] args) => Run.Git(path, args);
        void Write(string file, string text)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(path, file))!);
            File.WriteAllText(Path.Combine(path, file), text);
        }
        void Commit(string message)
        {
            Git("add", "-A");
            Git("commit", "-q", "--allow-empty", "-m", message);
        }
        Git("init", "-q", "-b", "master");
        Write("a.c", "a dot c\n");
        Write("a/inner.c", "inner\n");
        Write("a0", "a zero\n");
        Write("deep/x/y/z/leaf.c", FixtureRepo.Lines("leaf", 20));
        Write("deep/x/y/sibling.c", "sibling\n");
        Write("deep/other/kept.c", "kept\n");
        Write("node", "a file first\n");
        Write("run.sh", "echo\n");
        Commit("root");
        Write("a.c", "a dot c changed\n");
        Write("a/inner.c", "inner changed\n");
        Write("a0", "a zero changed\n");
        Commit("names around a directory");
        File.Delete(Path.Combine(path, "node"));
        Write("node/child.c", "now a directory\n");
        Commit("file becomes a directory");
        Directory.Delete(Path.Combine(path, "node"), recursive: true);
        Write("node", "a file again\n");
        Commit("directory becomes a file");
        Write("added/dir/one.c", "one\n");
        Write("added/dir/two.c", "two\n");
        Commit("whole directory added");
        Directory.Delete(Path.Combine(path, "added"), recursive: true);
        Commit("whole directory removed");
        Git("update-index", "--chmod=+x", "run.sh");
        Commit("mode change alone");
        File.AppendAllText(Path.Combine(path, "deep/x/y/z/leaf.c"), "one more\n");
        Commit("deep change");
        Directory.CreateDirectory(Path.Combine(path, "moved/far"));
        File.Move(Path.Combine(path, "deep/x/y/z/leaf.c"), Path.Combine(path, "moved/far/leaf.c"));
        Commit("rename across directories");
        Commit("empty");

        Assert.Equal(10, Agreement(path));
    }

    /// <summary>
    /// An empty file has no hunk: git show prints its "diff --git", "new file mode" and "index" lines only,
    /// and git patch-id hashes those header lines together with the next file's. A driver's new empty
    /// Kconfig or a placeholder file in a commit must still hash as git does, or the commit is never
    /// found for its posted patch.
    /// </summary>
    [Fact]
    public void CommitPatchIdEqualsGitWhenACommitAddsOrRemovesAnEmptyFile()
    {
        using var dir = new TempDir("rq-empty-files");
        var path = dir.File("repo");
        Directory.CreateDirectory(path);
        void Git(params string[] args) => Run.Git(path, args);
        void Write(string file, string text) => File.WriteAllText(Path.Combine(path, file), text);
        void Commit(string message)
        {
            Git("add", "-A");
            Git("commit", "-q", "-m", message);
        }
        Git("init", "-q", "-b", "master");
        Write("empty-in-root", "");
        Write("base.c", "base\n");
        Commit("root with an empty file");
        Write("b-empty", "");
        Write("c.c", "c\n");
        Commit("empty file before another new file");
        Write("z-empty", "");
        Commit("empty file alone");
        Write("a-new.c", "a\n");
        Write("y-empty", "");
        Commit("empty file after another new file");
        File.Delete(Path.Combine(path, "b-empty"));
        Write("base.c", "base changed\n");
        Commit("empty file removed beside a change");
        Write("z-empty", "no longer empty\n");
        Commit("empty file gets content");

        Assert.Equal(6, Agreement(path));
    }

    /// <summary>
    /// Every commit: our patch-id equals git's, the libgit2 fast path equals the LibGit2Sharp one,
    /// and the sync's indexing (facts and patch-ids on every core) equals indexing one by one.
    /// </summary>
    int Agreement(string path)
    {
        using var repo = new Repository(path);
        var shas = Run.Git(path, "rev-list", "--all").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var fast = new FastCommitDiff(repo);
        int agreed = 0;
        var mismatches = new List<string>();
        foreach (var sha in shas)
        {
            var commit = repo.Lookup<Commit>(sha);
            var show = Run.Git(path, "show", sha).StdoutBytes;
            var expected = Run.Git(path, show, "patch-id", "--stable").Stdout.Split(' ')[0].Trim();
            var ours = CommitDiff.PatchId(repo, commit) ?? "";
            Assert.Equal(CommitDiff.PatchIds(repo, commit), fast.PatchIds(commit));
            if (ours == expected)
                agreed++;
            else
                mismatches.Add($"{sha[..12]} {commit.MessageShort}: git {expected}, ours {ours}\n{CommitDiff.Text(repo, commit)}");
        }
        var ids = shas.Select(s => new ObjectId(s)).ToList();
        var all = CommitIndexer.IndexAll(repo.Info.Path, ids, TestContext.Current.CancellationToken);
        foreach (var (id, indexed) in ids.Zip(all))
        {
            var one = CommitIndexer.Index(repo, repo.Lookup<Commit>(id));
            Assert.Equal(one with { LinkedMessageIds = [] }, indexed with { LinkedMessageIds = [] });
            Assert.Equal(one.LinkedMessageIds, indexed.LinkedMessageIds);
        }
        output.WriteLine($"patch-id agreement: {agreed}/{shas.Length} commits");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        return agreed;
    }
}
