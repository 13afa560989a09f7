using System.Text.Json;
using System.Text.RegularExpressions;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Git;

/// <summary>
/// `show --json` says, per patch, where a watched tree has it (merged: tree, branch, commit,
/// evidence) and, for each revision (v1 and its v2), whether it applies to each watched branch and on what
/// base; with no tree configured it says so with empty lists.
/// <code>
///   base ─ P1' (master: patch 1 applied with git am)
///     └── P1 ─ P2 (the developer's series, format-patch --base, cover letter)
/// </code>
/// </summary>
public sealed partial class ShowTreeFieldsTests : IDisposable
{
    readonly TempDir dir = new("rq-show-trees");

    [Fact]
    public void ShowJsonGivesMergedPerPatchAndAppliesAndBasePerRevision()
    {
        var repo = Path.Combine(dir.Path, "repo");
        Directory.CreateDirectory(repo);
        RunResult Git(params string[] args) => Run.Git(repo, args);
        Git("init", "-q", "-b", "master");
        File.WriteAllText(Path.Combine(repo, "a.c"), "int a;\nint b;\nint c;\n");
        File.WriteAllText(Path.Combine(repo, "b.c"), "int x;\nint y;\nint z;\n");
        Git("add", ".");
        Git("commit", "-q", "-m", "demo: start");
        var baseCommit = Git("rev-parse", "HEAD").Stdout.Trim();
        Git("branch", "base");
        Git("checkout", "-q", "-b", "topic");
        File.WriteAllText(Path.Combine(repo, "a.c"), "int a;\nint b1;\nint c;\n");
        Git("commit", "-q", "-a", "-m", "demo: rename b");
        File.WriteAllText(Path.Combine(repo, "b.c"), "int x;\nint y1;\nint z;\n");
        Git("commit", "-q", "-a", "-m", "demo: rename y");
        var patches = dir.File("patches");
        Git("format-patch", "-q", "--pretty=mboxrd", "--cover-letter", "--thread=shallow", $"--base={baseCommit}", "-o", patches, "-2");
        var files = Directory.GetFiles(patches).Order(StringComparer.Ordinal).ToList();
        var mbox = string.Concat(files.Select(File.ReadAllText)).Replace("*** SUBJECT HERE ***", "demo: two renames");
        File.WriteAllText(dir.File("series.mbox"), mbox);
        var cover = MessageIdLine().Match(mbox).Groups[1].Value;
        // A v2 of the same two commits, posted later: both revisions are checked.
        var v2 = dir.File("v2");
        Git("format-patch", "-q", "-v2", "--pretty=mboxrd", "--cover-letter", "--thread=shallow", $"--base={baseCommit}", "-o", v2, "-2");
        var v2Mbox = string.Concat(Directory.GetFiles(v2).Order(StringComparer.Ordinal).Select(File.ReadAllText))
            .Replace("*** SUBJECT HERE ***", "demo: two renames");
        // Its own Message-IDs, even when both were made within the same second.
        File.WriteAllText(dir.File("v2.mbox"), IdHeader().Replace(v2Mbox, m => m.Groups[1].Value + "v2."));
        // The maintainer takes patch 1 only.
        Git("checkout", "-q", "master");
        Git("am", "-q", files[1]);
        var applied = Git("rev-parse", "HEAD").Stdout.Trim();

        var withTree = new Dictionary<string, string>
        {
            ["Trees__0__Name"] = "demo",
            ["Trees__0__Path"] = repo,
            ["Trees__0__Branches__0"] = "base",
            ["Trees__0__Branches__1"] = "master",
        };
        RunResult Rq(IDictionary<string, string>? env, params string[] args)
        {
            var r = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), .. args], env: env);
            Assert.True(r.ExitCode == 0, $"reviewqueue {string.Join(' ', args)}: {r.Stderr}");
            return r;
        }
        Rq(withTree, "import", dir.File("series.mbox"), dir.File("v2.mbox"));
        Rq(withTree, "trees", "sync");

        var shown = JsonDocument.Parse(Rq(withTree, "show", cover, "--json").Stdout).RootElement;
        Assert.Equal(["v1", "v2"], shown.GetProperty("revisions").EnumerateArray().Select(r => r.GetProperty("version_label").GetString()));
        var revision = shown.GetProperty("revisions").EnumerateArray().First();
        var shownPatches = revision.GetProperty("patches").EnumerateArray().ToList();
        Assert.Equal(2, shownPatches.Count);
        var merged = shownPatches[0].GetProperty("merged");
        Assert.Equal(("demo", "master", applied, "patch-id"), (merged.GetProperty("tree").GetString(), merged.GetProperty("branch").GetString(),
            merged.GetProperty("commit").GetString(), merged.GetProperty("evidence").GetString()));
        Assert.Equal("master", shownPatches[0].GetProperty("accepted").GetProperty("branch").GetString());
        Assert.Equal(JsonValueKind.Null, shownPatches[1].GetProperty("merged").ValueKind);

        // On its base every patch applies in order; on master patch 1 is in and patch 2 applies on top.
        var applies = revision.GetProperty("applies").EnumerateArray()
            .ToDictionary(a => a.GetProperty("branch").GetString()!, a => a.GetProperty("result").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["base"] = "applies", ["master"] = "partly-present" }, applies);
        Assert.All(revision.GetProperty("applies").EnumerateArray(), a => Assert.Equal("demo", a.GetProperty("tree").GetString()));
        var found = Assert.Single(revision.GetProperty("base").EnumerateArray());
        Assert.Equal((baseCommit, "base-commit", "demo"), (found.GetProperty("sha").GetString(), found.GetProperty("how").GetString(), found.GetProperty("tree").GetString()));
        // The newest revision (the same commits) says the same.
        var newest = shown.GetProperty("revisions").EnumerateArray().Last();
        Assert.Equal(applies, newest.GetProperty("applies").EnumerateArray()
            .ToDictionary(a => a.GetProperty("branch").GetString()!, a => a.GetProperty("result").GetString()));
        Assert.Equal(baseCommit, Assert.Single(newest.GetProperty("base").EnumerateArray()).GetProperty("sha").GetString());

        // Without trees configured: merges stay (they are ledger facts), applies and base are empty lists.
        var bare = JsonDocument.Parse(Rq(null, "show", cover, "--json").Stdout).RootElement.GetProperty("revisions").EnumerateArray().Last();
        Assert.Equal(JsonValueKind.Array, bare.GetProperty("applies").ValueKind);
        Assert.Empty(bare.GetProperty("applies").EnumerateArray());
        Assert.Empty(bare.GetProperty("base").EnumerateArray());
        Assert.Equal(applied, bare.GetProperty("patches")[0].GetProperty("merged").GetProperty("commit").GetString());

        // The text view says the same merge.
        Assert.Contains($"merged in demo master as {applied} (patch-id)", Rq(null, "show", cover).Stdout);
    }

    [GeneratedRegex(@"^Message-ID: <([^>]+)>", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex MessageIdLine();

    [GeneratedRegex(@"^((?:Message-ID|In-Reply-To|References): <)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex IdHeader();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
