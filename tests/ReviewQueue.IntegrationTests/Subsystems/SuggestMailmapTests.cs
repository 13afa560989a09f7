using System.Text.Json;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Subsystems;

/// <summary>
/// `maintainers --suggest` in a tree whose .mailmap joins people's addresses: the recent reviewers are counted and shown
/// through it as get_maintainer.pl --git counts commit signers, and the author, the maintainers and the recent reviewers
/// are each one person whichever of their addresses wrote.
/// </summary>
public sealed class SuggestMailmapTests
{
    static RunResult Cli(TempDir dir, params string[] args) =>
        Run.Program("dotnet", [typeof(ReviewQueue.Commands.GlobalOptions).Assembly.Location,
            "--db", dir.File("ledger.db"), "--config", dir.File("config.json"), .. args]);

    // The tree: WIDGET DRIVER (M: Ann, R: Rob), its .mailmap, and three commits to w.c whose trailers come from old
    // and home addresses:
    //   fix 1  Reviewed-by: Val Reviewer <val@example.org>, Acked-by: Rob Reviewer <rob@old.example>
    //   fix 2  Reviewed-by: Val R. <val@home.example>
    //   fix 3  Acked-by: Ann <ann@example.org>
    static TempDir Setup()
    {
        var dir = new TempDir("rq-suggest-mailmap");
        var repo = Path.Combine(dir.Path, "tree");
        Directory.CreateDirectory(Path.Combine(repo, "drivers/widget"));
        Run.Git(dir.Path, "init", "-q", "-b", "main", repo);
        File.WriteAllText(Path.Combine(repo, "MAINTAINERS"), """
            WIDGET DRIVER
            M:	Ann Author <ann@example.org>
            R:	Rob Reviewer <rob@example.org>
            L:	widgets@lists.example.org
            S:	Supported
            F:	drivers/widget/
            """);
        File.WriteAllText(Path.Combine(repo, ".mailmap"), """
            Ann Author <ann@example.org> <ann@old.example>
            Rob Reviewer <rob@example.org> <rob@old.example>
            Val Reviewer <val@example.org> <val@home.example>
            """);
        File.WriteAllText(Path.Combine(repo, "drivers/widget/w.c"), "int w;\n");
        Run.Git(repo, "add", "-A");
        Run.Git(repo, "commit", "-q", "-m", "start");
        void Commit(string message)
        {
            File.AppendAllText(Path.Combine(repo, "drivers/widget/w.c"), "int x;\n");
            Run.Git(repo, "commit", "-q", "-am", message);
        }
        Commit("fix 1\n\nReviewed-by: Val Reviewer <val@example.org>\nAcked-by: Rob Reviewer <rob@old.example>");
        Commit("fix 2\n\nReviewed-by: Val R. <val@home.example>");
        Commit("fix 3\n\nAcked-by: Ann <ann@example.org>");
        File.WriteAllText(dir.File("config.json"), JsonSerializer.Serialize(new
        {
            Trees = new[] { new { Name = "widgets", Path = repo, Branches = new[] { "main" } } },
            Maintainers = new { Tree = "widgets" },
        }));
        return dir;
    }

    [Fact]
    public void EachPersonIsSuggestedOnceWhicheverAddressWroteAndTheAuthorAtAnOldAddressNever()
    {
        using var dir = Setup();
        // Ann posts from the address she left: neither her M: line nor her ack in the tree suggests her.
        var r = Cli(dir, "maintainers", "drivers/widget/w.c", "--suggest", "--author", "ann@old.example");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = r.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal([
            "suggested reviewers:",
            "  Rob Reviewer <rob@example.org> (reviewer:WIDGET DRIVER)",
            "  Val Reviewer <val@example.org> (recent reviews (2))",
        ], lines[Array.IndexOf(lines, "suggested reviewers:")..]);
    }
}
