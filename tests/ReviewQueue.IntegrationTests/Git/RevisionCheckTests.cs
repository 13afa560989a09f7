using System.Text.Json;
using System.Text.RegularExpressions;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Git;

/// <summary>
/// `check TOPIC` checks the newest revision patch by patch, each on top of the ones before, against
/// every watched branch, and finds its base from the cover letter's base-commit.
/// </summary>
public sealed partial class RevisionCheckTests : IDisposable
{
    readonly TempDir dir = new("rq-revcheck");

    [Fact]
    public void ARevisionAppliesInOrderOnItsBaseAndIsAlreadyPresentWhereItWasMerged()
    {
        var repo = Path.Combine(dir.Path, "repo");
        Directory.CreateDirectory(repo);
        Run.Git(repo, "init", "-q", "-b", "master");
        File.WriteAllText(Path.Combine(repo, "demo.c"), "int a;\nint b;\nint c;\n");
        Run.Git(repo, "add", ".");
        Run.Git(repo, "commit", "-q", "-m", "demo: start");
        var baseCommit = Run.Git(repo, "rev-parse", "HEAD").Stdout.Trim();
        Run.Git(repo, "branch", "base");
        // Patch 2 changes the line patch 1 wrote: it only applies on top of patch 1.
        File.WriteAllText(Path.Combine(repo, "demo.c"), "int a;\nint b2;\nint c;\n");
        Run.Git(repo, "commit", "-q", "-a", "-m", "demo: rename b");
        File.WriteAllText(Path.Combine(repo, "demo.c"), "int a;\nint b3;\nint c;\n");
        Run.Git(repo, "commit", "-q", "-a", "-m", "demo: rename b again");
        var mbox = Run.Git(repo, "format-patch", "-q", "--stdout", "--pretty=mboxrd", "--cover-letter", "--thread=shallow",
            $"--base={baseCommit}", "-2").Stdout.Replace("*** SUBJECT HERE ***", "demo: rename b twice");
        File.WriteAllText(dir.File("series.mbox"), mbox);
        var cover = MessageIdLine().Match(mbox).Groups[1].Value;

        var env = new Dictionary<string, string>
        {
            ["Trees__0__Name"] = "demo",
            ["Trees__0__Path"] = repo,
            ["Trees__0__Branches__0"] = "base",
            ["Trees__0__Branches__1"] = "master",
        };
        RunResult Rq(params string[] args)
        {
            var r = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), .. args], env: env);
            Assert.True(r.ExitCode == 0, $"reviewqueue {string.Join(' ', args)}: {r.Stderr}");
            return r;
        }
        Rq("import", dir.File("series.mbox"));

        var report = JsonDocument.Parse(Rq("check", cover, "--json").Stdout).RootElement;
        var patches = report.GetProperty("patches").EnumerateArray().ToList();
        Assert.Equal(2, patches.Count);
        string Status(JsonElement patch, string branch) => patch.GetProperty("branches").EnumerateArray()
            .Single(b => b.GetProperty("branch").GetString() == branch).GetProperty("status").GetString()!;
        Assert.Equal("applies", Status(patches[0], "base"));
        Assert.Equal("applies", Status(patches[1], "base")); // only because patch 1 went first
        // On master patch 2 is in; patch 1's line was changed again by patch 2, so neither it nor
        // its reverse applies there (git apply --check and -R say the same).
        Assert.Equal("conflicts", Status(patches[0], "master"));
        Assert.Equal("already-present", Status(patches[1], "master"));
        var present = patches[1].GetProperty("branches").EnumerateArray().Single(b => b.GetProperty("branch").GetString() == "master");
        Assert.Equal(0, present.GetProperty("problems").GetArrayLength());
        Assert.Contains("patch does not apply", present.GetProperty("forward_problems")[0].GetString());
        // Said for people as what it is, without the forward failure that read like a conflict (patch 2 is last).
        var second = Rq("check", cover).Stdout.Split('\n').SkipWhile(l => !l.Contains("demo: rename b again")).ToList();
        Assert.Contains(second, l => l.StartsWith("      demo master (") && l.EndsWith("): already-present: already there (the patch applies in reverse)"));
        Assert.DoesNotContain(second, l => l.Contains("patch does not apply"));
        var found = report.GetProperty("bases")[0];
        Assert.Equal(baseCommit, found.GetProperty("sha").GetString());

        // The topic id works the same; a patch's Message-ID still checks that patch alone.
        var topic = report.GetProperty("topic_id").GetString()!;
        Assert.Equal(report.ToString(), JsonDocument.Parse(Rq("check", topic, "--json").Stdout).RootElement.ToString());
        var secondId = patches[1].GetProperty("message_id").GetString()!;
        var alone = JsonDocument.Parse(Rq("check", secondId, "--json").Stdout).RootElement;
        Assert.Equal("conflicts", alone.GetProperty("branches").EnumerateArray()
            .Single(b => b.GetProperty("branch").GetString() == "base").GetProperty("status").GetString());
    }

    /// <summary>
    /// After the maintainer applied the series and trees sync found it, `check TOPIC` says so for each
    /// patch, as `check MSGID` does for one: the commit and the evidence, not only "already-present".
    /// </summary>
    [Fact]
    public void CheckOfATopicNamesTheCommitsThatMergedItsPatches()
    {
        var repo = Path.Combine(dir.Path, "repo");
        Directory.CreateDirectory(repo);
        Run.Git(repo, "init", "-q", "-b", "master");
        File.WriteAllText(Path.Combine(repo, "demo.c"), "int a;\nint b;\nint c;\n");
        Run.Git(repo, "add", ".");
        Run.Git(repo, "commit", "-q", "-m", "demo: start");
        File.WriteAllText(Path.Combine(repo, "demo.c"), "int a1;\nint b;\nint c;\n");
        Run.Git(repo, "commit", "-q", "-a", "-m", "demo: rename a");
        File.WriteAllText(Path.Combine(repo, "demo.c"), "int a1;\nint b;\nint c1;\n");
        Run.Git(repo, "commit", "-q", "-a", "-m", "demo: rename c");
        var mbox = Run.Git(repo, "format-patch", "-q", "--stdout", "--cover-letter", "--thread=shallow", "-2").Stdout
            .Replace("*** SUBJECT HERE ***", "demo: two renames");
        File.WriteAllText(dir.File("series.mbox"), mbox);
        var cover = MessageIdLine().Match(mbox).Groups[1].Value;
        var commits = Run.Git(repo, "rev-list", "--reverse", "-2", "master").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var env = new Dictionary<string, string>
        {
            ["Trees__0__Name"] = "demo",
            ["Trees__0__Path"] = repo,
            ["Trees__0__Branches__0"] = "master",
        };
        RunResult Rq(params string[] args)
        {
            var r = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), .. args], env: env);
            Assert.True(r.ExitCode == 0, $"reviewqueue {string.Join(' ', args)}: {r.Stderr}");
            return r;
        }
        Rq("import", dir.File("series.mbox"));
        Rq("trees", "sync");

        var patches = JsonDocument.Parse(Rq("check", cover, "--json").Stdout).RootElement.GetProperty("patches").EnumerateArray().ToList();
        Assert.Equal(commits, patches.Select(p => p.GetProperty("merges").EnumerateArray().Single().GetProperty("sha").GetString()));
        Assert.All(patches, p => Assert.Equal("patch-id", p.GetProperty("merges")[0].GetProperty("evidence").GetString()));
        var text = Rq("check", cover).Stdout;
        Assert.Contains($"merged in demo master as {commits[0][..12]} (patch-id)", text);
        Assert.Contains($"merged in demo master as {commits[1][..12]} (patch-id)", text);
    }

    /// <summary>
    /// A tree without a Remote whose Path is no repository: trees sync cannot make one, so check does not suggest it; it is
    /// the configuration's mistake, named by its key, exit 78 (after the verdicts).
    /// </summary>
    [Fact]
    public void CheckAgainstAPathThatIsNoRepositoryNamesTheKeyInsteadOfAskingForASync()
    {
        var notRepo = Path.Combine(dir.Path, "not-a-repo");
        Directory.CreateDirectory(notRepo);
        var repo = Path.Combine(dir.Path, "repo");
        Directory.CreateDirectory(repo);
        Run.Git(repo, "init", "-q", "-b", "master");
        File.WriteAllText(Path.Combine(repo, "demo.c"), "int a;\n");
        Run.Git(repo, "add", ".");
        Run.Git(repo, "commit", "-q", "-m", "demo: start");
        File.WriteAllText(Path.Combine(repo, "demo.c"), "int a1;\n");
        Run.Git(repo, "commit", "-q", "-a", "-m", "demo: rename a");
        File.WriteAllText(dir.File("one.mbox"), Run.Git(repo, "format-patch", "-q", "--stdout", "--thread=shallow", "-1").Stdout);
        var env = new Dictionary<string, string>
        {
            ["Trees__0__Name"] = "demo",
            ["Trees__0__Path"] = notRepo,
            ["Trees__0__Branches__0"] = "master",
        };
        var db = dir.File("ledger.db");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", dir.File("one.mbox")], env: env).ExitCode);
        var topic = JsonDocument.Parse(ReviewQueueProgram.Run(["--db", db, "series", "--json"], env: env).Stdout).RootElement[0];
        var patch = topic.GetProperty("revisions")[0].GetProperty("patches")[0].GetProperty("message_id").GetString()!;

        foreach (var key in new[] { topic.GetProperty("id").GetString()!, patch })
        {
            var r = ReviewQueueProgram.Run(["--db", db, "check", key], env: env);
            var problem = $"Trees:0:Path is not a git repository: {notRepo} (give a git repository, or a Remote to fetch into a new one)";
            Assert.True(r.ExitCode == 78, r.Stderr);
            Assert.Contains(problem, r.Stdout);
            Assert.Equal($"reviewqueue: check: {problem}\n", r.Stderr);
            Assert.DoesNotContain("trees sync", r.Stdout);
            Assert.Equal(78, ReviewQueueProgram.Run(["--db", db, "check", key, "--json"], env: env).ExitCode);
        }
    }

    [GeneratedRegex(@"^Message-ID: <([^>]+)>", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex MessageIdLine();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
