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
        var found = report.GetProperty("bases")[0];
        Assert.Equal(baseCommit, found.GetProperty("sha").GetString());

        // The topic id works the same; a patch's Message-ID still checks that patch alone.
        var topic = report.GetProperty("topic_id").GetString()!;
        Assert.Equal(report.ToString(), JsonDocument.Parse(Rq("check", topic, "--json").Stdout).RootElement.ToString());
        var second = patches[1].GetProperty("message_id").GetString()!;
        var alone = JsonDocument.Parse(Rq("check", second, "--json").Stdout).RootElement;
        Assert.Equal("conflicts", alone.GetProperty("branches").EnumerateArray()
            .Single(b => b.GetProperty("branch").GetString() == "base").GetProperty("status").GetString());
    }

    [GeneratedRegex(@"^Message-ID: <([^>]+)>", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex MessageIdLine();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
