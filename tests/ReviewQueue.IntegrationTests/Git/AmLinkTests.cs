using System.Text.Json;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Git;

/// <summary>
/// The maintainer takes a patch with `am --add-link`, fixes it on the way in (other code, other title), and the sync
/// still finds it: by the Link: trailer, the only evidence left when neither the diff nor the title is the posted one.
/// </summary>
public sealed class AmLinkTests : IDisposable
{
    readonly TempDir dir = new("rq-amlink");

    [Fact]
    public void APatchTakenWithAddLinkAndRewrittenOnTheWayInIsFoundMergedByItsLink()
    {
        var repo = Path.Combine(dir.Path, "repo");
        Directory.CreateDirectory(repo);
        Run.Git(repo, "init", "-q", "-b", "master");
        File.WriteAllText(Path.Combine(repo, "demo.c"), "int a;\nint b;\nint c;\n");
        Run.Git(repo, "add", ".");
        Run.Git(repo, "commit", "-q", "-m", "demo: start");
        Run.Git(repo, "checkout", "-q", "-b", "developer");
        File.WriteAllText(Path.Combine(repo, "demo.c"), "int a;\nint b2;\nint c;\n");
        Run.Git(repo, "commit", "-q", "-a", "-m", "demo: rename b\n\nSigned-off-by: Ada Author <ada@example.org>");
        File.WriteAllText(dir.File("patch.mbox"), Run.Git(repo, "format-patch", "-q", "--stdout", "--thread=shallow", "-1").Stdout);
        Run.Git(repo, "checkout", "-q", "master");
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
        Rq("import", dir.File("patch.mbox"));
        var topic = JsonDocument.Parse(Rq("series", "--json").Stdout).RootElement[0];
        var messageId = topic.GetProperty("revisions")[0].GetProperty("patches")[0].GetProperty("message_id").GetString()!;

        Rq("am", topic.GetProperty("id").GetString()!, "--add-link", "-o", dir.File("am.mbox"));
        Run.Git(repo, "am", "-q", dir.File("am.mbox"));
        var message = Run.Git(repo, "log", "-1", "--format=%B").Stdout;
        Assert.Contains($"\nLink: https://lore.kernel.org/r/{messageId}\n", message);
        File.WriteAllText(Path.Combine(repo, "demo.c"), "int a;\nint b_renamed;\nint c;\n");
        Run.Git(repo, "commit", "-q", "-a", "--amend", "-m", message.Replace("demo: rename b", "demo: give b a clearer name"));
        Rq("trees", "sync");

        var patch = JsonDocument.Parse(Rq("show", messageId, "--json").Stdout).RootElement
            .GetProperty("revisions")[0].GetProperty("patches")[0];
        Assert.Equal("link", patch.GetProperty("merged").GetProperty("evidence").GetString());
        Assert.Equal(Run.Git(repo, "rev-parse", "HEAD").Stdout.Trim(), patch.GetProperty("merged").GetProperty("commit").GetString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
