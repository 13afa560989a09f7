using System.Text.Json;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Subsystems;

/// <summary>The maintainers and subsystems commands run as a user runs them, against a configured git tree.</summary>
public sealed class MaintainersCommandTests
{
    static RunResult Cli(TempDir dir, params string[] args) =>
        Run.Program("dotnet", [typeof(ReviewQueue.Commands.GlobalOptions).Assembly.Location,
            "--db", dir.File("ledger.db"), "--config", dir.File("config.json"), .. args]);

    static TempDir Setup()
    {
        var dir = new TempDir("rq-cli");
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

            THE REST
            L:	linux-kernel@vger.kernel.org
            S:	Buried alive in reporters
            F:	*
            F:	*/
            """);
        File.WriteAllText(Path.Combine(repo, "drivers/widget/w.c"), "int w;\n");
        Run.Git(repo, "add", "-A");
        Run.Git(repo, "commit", "-q", "-m", "start");
        File.AppendAllText(Path.Combine(repo, "drivers/widget/w.c"), "int x;\n");
        Run.Git(repo, "commit", "-q", "-am", "fix\n\nReviewed-by: Val Reviewer <val@example.org>");
        File.WriteAllText(dir.File("config.json"), JsonSerializer.Serialize(new
        {
            Trees = new[] { new { Name = "widgets", Path = repo, Branches = new[] { "main" } } },
            Maintainers = new { Tree = "widgets" },
        }));
        return dir;
    }

    [Fact]
    public void MaintainersPrintsGetMaintainerLinesForAPathOfTheConfiguredTree()
    {
        using var dir = Setup();
        var r = Cli(dir, "maintainers", "drivers/widget/w.c", "--suggest", "--author", "ann@example.org");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal([
            "  sections: WIDGET DRIVER | THE REST",
            "Ann Author <ann@example.org> (supporter:WIDGET DRIVER)",
            "Rob Reviewer <rob@example.org> (reviewer:WIDGET DRIVER)",
            "widgets@lists.example.org (open list:WIDGET DRIVER)",
            "linux-kernel@vger.kernel.org (open list)",
            "suggested reviewers:",
            "  Rob Reviewer <rob@example.org> (reviewer:WIDGET DRIVER)",
            "  Val Reviewer <val@example.org> (recent reviews (1))",
        ], r.Stdout.TrimEnd('\n').Split('\n'));
    }

    /// <summary>
    /// get_maintainer.pl -f nosuch/file dies with "file 'nosuch/file' not found" before printing anything (exit 2);
    /// a directory, with or without its slash, is answered.
    /// </summary>
    [Fact]
    public void APathThatIsNeitherAFileNorADirectoryOfTheTreeIsRefusedAsGetMaintainerDoes()
    {
        using var dir = Setup();
        var commit = Run.Git(Path.Combine(dir.Path, "tree"), "rev-parse", "HEAD").Stdout.Trim()[..12];
        foreach (var json in new[] { false, true })
        {
            string[] extra = json ? ["--json"] : [];
            var r = Cli(dir, ["maintainers", "drivers/widget/w.c", "nosuch/file", "drivers/widge", .. extra]);
            Assert.Equal(66, r.ExitCode);
            Assert.Equal("", r.Stdout);
            Assert.Equal($"reviewqueue: maintainers: file 'nosuch/file' not found in the tree at {commit}\n" +
                $"reviewqueue: maintainers: file 'drivers/widge' not found in the tree at {commit}\n", r.Stderr);
        }
        foreach (var path in new[] { "drivers/widget", "drivers/widget/", "./drivers/widget/w.c", "MAINTAINERS" })
        {
            var r = Cli(dir, "maintainers", path);
            Assert.True(r.ExitCode == 0, path + ": " + r.Stderr);
            Assert.StartsWith(path == "MAINTAINERS" ? "  sections: THE REST" : "  sections: WIDGET DRIVER", r.Stdout);
        }
    }

    /// <summary>With --tree-files the list is the tree; with a MAINTAINERS file alone nothing says what the tree has.</summary>
    [Fact]
    public void APathMissingFromTheTreeFileListIsRefusedAndWithoutAListEveryPathIsAnswered()
    {
        using var dir = Setup();
        var maintainers = Path.Combine(dir.Path, "tree", "MAINTAINERS");
        File.WriteAllText(dir.File("files.txt"), "MAINTAINERS\ndrivers/widget/w.c\n");
        var refused = Cli(dir, "maintainers", "--maintainers", maintainers, "--tree-files", dir.File("files.txt"), "nosuch/file", "--json");
        Assert.Equal((66, "", "reviewqueue: maintainers: file 'nosuch/file' not found in the tree's file list\n"),
            (refused.ExitCode, refused.Stdout, refused.Stderr));
        var listed = Cli(dir, "maintainers", "--maintainers", maintainers, "--tree-files", dir.File("files.txt"), "drivers/widget/w.c", "drivers");
        Assert.True(listed.ExitCode == 0, listed.Stderr);
        var unchecked_ = Cli(dir, "maintainers", "--maintainers", maintainers, "nosuch/file");
        Assert.True(unchecked_.ExitCode == 0, unchecked_.Stderr);
        Assert.Contains("linux-kernel@vger.kernel.org (open list)", unchecked_.Stdout);
    }

    [Fact]
    public void SubsystemsListsEverySectionWithItsSeriesCountFromTheLedger()
    {
        using var dir = Setup();
        // `subsystems` reads a ledger, and creates none: a new one, no mail in it yet.
        ReviewQueue.Storage.Ledger.Open(dir.File("ledger.db"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var r = Cli(dir, "subsystems", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var rows = JsonDocument.Parse(r.Stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(["THE REST", "WIDGET DRIVER"], rows.Select(x => x.GetProperty("name").GetString()));
        Assert.All(rows, x => Assert.Equal(0, x.GetProperty("series_count").GetInt32()));
        Assert.Equal("Ann Author <ann@example.org>", rows[1].GetProperty("maintainers")[0].GetString());
    }

    [Fact]
    public void AMissingTreeFilesListIsNamedWithoutAStackTrace()
    {
        using var dir = Setup();
        var r = Cli(dir, "maintainers", "--maintainers", Path.Combine(dir.Path, "tree", "MAINTAINERS"),
            "--tree-files", dir.File("no-such-list.txt"), "drivers/widget/w.c");
        Assert.Equal(78, r.ExitCode);
        Assert.Equal($"reviewqueue: maintainers: no such file: {dir.File("no-such-list.txt")} (the tree's file list)\n", r.Stderr);
    }

    /// <summary>
    /// MAINTAINERS read from the tree is refused as a MAINTAINERS file is (exit 78, naming it, nothing stored): one that
    /// holds NUL bytes (here a tar archive of the real one committed in its place), and one with no section at all (a
    /// project's prose list of its maintainers), which would replace the ledger's sections with none.
    /// </summary>
    [Theory]
    [InlineData("nul", "is not a text file (it holds NUL bytes), so no MAINTAINERS")]
    [InlineData("prose", "holds no MAINTAINERS section (a title line followed by M:, L:, S: or F: lines)")]
    public void MaintainersFromTheTreeAreRefusedAsAMaintainersFileIs(string kind, string problem)
    {
        using var dir = Setup();
        var repo = Path.Combine(dir.Path, "tree");
        var real = File.ReadAllText(Path.Combine(repo, "MAINTAINERS"));
        File.WriteAllText(Path.Combine(repo, "MAINTAINERS"), kind == "nul"
            ? "MAINTAINERS" + new string('\0', 89) + "0000644\0" + new string('\0', 404) + real + new string('\0', 1024)
            : "The widget project is maintained by Ann Author <ann@example.org>.\nSend patches to the list.\n");
        Run.Git(repo, "commit", "-q", "-am", "MAINTAINERS: replace");
        var commit = Run.Git(repo, "rev-parse", "HEAD").Stdout.Trim()[..12];

        var r = Cli(dir, "maintainers", "drivers/widget/w.c");

        Assert.Equal((78, ""), (r.ExitCode, r.Stdout));
        Assert.Equal($"reviewqueue: maintainers: MAINTAINERS in {repo}:main at {commit} {problem}\n", r.Stderr);
    }

    [Fact]
    public void AnUnknownTreeOnTheCommandLineIsAUsageErrorNamingTheWatchedTrees()
    {
        using var dir = Setup();
        var r = Cli(dir, "maintainers", "--tree", "nope", "x.c");
        Assert.Equal(64, r.ExitCode);
        Assert.Equal("reviewqueue: maintainers: no tree named nope in Trees (watched: widgets)\n", r.Stderr);
    }

    /// <summary>
    /// A tree with a Remote is fetched into refs/remotes/reviewqueue/BRANCH of a bare repository, where
    /// no local branch of that name exists: MAINTAINERS and the recent reviews come from the fetched head.
    /// </summary>
    [Fact]
    public void MaintainersOfATreeWithARemoteComeFromTheFetchedBranch()
    {
        using var dir = Setup();
        var mirror = dir.File("mirror.git");
        File.WriteAllText(dir.File("config.json"), JsonSerializer.Serialize(new
        {
            Trees = new[] { new { Name = "widgets", Path = mirror, Remote = "file://" + dir.File("tree"), Branches = new[] { "main" } } },
        }));
        var sync = Cli(dir, "trees", "sync");
        Assert.True(sync.ExitCode == 0, sync.Stdout + sync.Stderr);

        var r = Cli(dir, "maintainers", "--tree", "widgets", "drivers/widget/w.c", "--suggest", "--author", "ann@example.org");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal([
            "  sections: WIDGET DRIVER | THE REST",
            "Ann Author <ann@example.org> (supporter:WIDGET DRIVER)",
            "Rob Reviewer <rob@example.org> (reviewer:WIDGET DRIVER)",
            "widgets@lists.example.org (open list:WIDGET DRIVER)",
            "linux-kernel@vger.kernel.org (open list)",
            "suggested reviewers:",
            "  Rob Reviewer <rob@example.org> (reviewer:WIDGET DRIVER)",
            "  Val Reviewer <val@example.org> (recent reviews (1))",
        ], r.Stdout.TrimEnd('\n').Split('\n'));
    }

    /// <summary>Two sections with a K: keyword and THE REST; also what MaintainersInputTests read patches against.</summary>
    internal const string KeywordMaintainers = """
        WIDGET DRIVER
        M:	Ann Author <ann@example.org>
        L:	widgets@lists.example.org
        S:	Supported
        F:	drivers/widget/
        K:	\bwidget_register\b

        GADGET CORE
        M:	Gil Gadget <gil@example.org>
        S:	Maintained
        F:	lib/gadget/

        THE REST
        L:	linux-kernel@vger.kernel.org
        S:	Buried alive in reporters
        F:	*
        F:	*/
        """;

    /// <summary>
    /// As get_maintainer.pl --nogit 0001.patch 0002.patch prints it (checked with the script, --mpath): the files of
    /// both, then the section a K: line found in the first one's message, one list; --norolestats for --cc-cmd.
    /// </summary>
    [Fact]
    public void PatchFilesAreAnsweredTogetherWithKeywordSectionsInGetMaintainersFormat()
    {
        using var dir = Setup();
        File.WriteAllText(dir.File("M"), KeywordMaintainers);
        File.WriteAllText(dir.File("0001.patch"), """
            From: Dev <dev@example.org>
            Subject: [PATCH 1/2] gadget: register with widget_register

            Signed-off-by: Dev <dev@example.org>
            ---
             lib/gadget/g.c | 2 +-
            diff --git a/lib/gadget/g.c b/lib/gadget/g.c
            --- a/lib/gadget/g.c
            +++ b/lib/gadget/g.c
            @@ -1,2 +1,2 @@
             a
            -b
            +c

            """);
        File.WriteAllText(dir.File("0002.patch"), """
            Subject: [PATCH 2/2] widget: tidy

            ---
            diff --git a/drivers/widget/w.c b/drivers/widget/w.c
            --- a/drivers/widget/w.c
            +++ b/drivers/widget/w.c
            @@ -1,2 +1,2 @@
             a
            -b
            +c

            """);
        var r = Cli(dir, "maintainers", "--maintainers", dir.File("M"), dir.File("0001.patch"), dir.File("0002.patch"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal([
            "Ann Author <ann@example.org> (supporter:WIDGET DRIVER)",
            "Gil Gadget <gil@example.org> (maintainer:GADGET CORE)",
            "widgets@lists.example.org (open list:WIDGET DRIVER)",
            "linux-kernel@vger.kernel.org (open list)",
        ], r.Stdout.TrimEnd('\n').Split('\n'));
        var bare = Cli(dir, "maintainers", "--maintainers", dir.File("M"), "--norolestats", dir.File("0001.patch"));
        Assert.True(bare.ExitCode == 0, bare.Stderr);
        // The keyword's section comes after every file's: its list after THE REST's.
        Assert.Equal(["Gil Gadget <gil@example.org>", "Ann Author <ann@example.org>", "linux-kernel@vger.kernel.org",
            "widgets@lists.example.org"], bare.Stdout.TrimEnd('\n').Split('\n'));
    }

    /// <summary>
    /// git format-patch --cover-letter, then git send-email --cc-cmd='reviewqueue maintainers --norolestats' *.patch:
    /// send-email runs the command on the cover letter too, and stops the whole sending when it fails. As
    /// get_maintainer.pl, a mail without a diff is answered by the K: keywords it matches (a warning on stderr, exit
    /// 0), not refused as a path the tree does not have, nor answered as a path with THE REST.
    /// </summary>
    [Fact]
    public void CoverLetterIsAnsweredByItsKeywordsForSendEmailsCcCmd()
    {
        using var dir = Setup();
        File.WriteAllText(dir.File("M"), KeywordMaintainers);
        File.WriteAllText(dir.File("0000-cover-letter.patch"), """
            From 3f6a1c0d2b9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a Mon Sep 17 00:00:00 2001
            From: Dev <dev@example.org>
            Subject: [PATCH 0/2] gadget: use widget_register

            Two patches.

            Dev (2):
              gadget: register with widget_register
              widget: tidy

             drivers/widget/w.c | 2 +-
             1 file changed, 1 insertion(+), 1 deletion(-)

            --
            2.39.5

            """);
        File.WriteAllText(dir.File("0000-plain-cover.patch"), """
            From 3f6a1c0d2b9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a Mon Sep 17 00:00:00 2001
            From: Dev <dev@example.org>
            Subject: [PATCH 0/1] widget: tidy

            One patch.

            """);
        // With the tree (Maintainers:Tree), which does not have the file, and with a MAINTAINERS file alone.
        var withTree = Cli(dir, "maintainers", "--norolestats", dir.File("0000-plain-cover.patch"));
        Assert.True(withTree.ExitCode == 0, withTree.Stderr);
        Assert.Equal("", withTree.Stdout);
        Assert.Contains("doesn't appear to be a patch", withTree.Stderr);
        var alone = Cli(dir, "maintainers", "--maintainers", dir.File("M"), "--norolestats", dir.File("0000-plain-cover.patch"));
        Assert.True(alone.ExitCode == 0, alone.Stderr);
        Assert.Equal("", alone.Stdout);
        var keyword = Cli(dir, "maintainers", "--maintainers", dir.File("M"), "--norolestats", dir.File("0000-cover-letter.patch"));
        Assert.True(keyword.ExitCode == 0, keyword.Stderr);
        Assert.Equal(["Ann Author <ann@example.org>", "widgets@lists.example.org"], keyword.Stdout.TrimEnd('\n').Split('\n'));
        // A source file that is no path of the tree is still a mistyped path.
        File.WriteAllText(dir.File("w.c"), "int w;\n");
        var typo = Cli(dir, "maintainers", dir.File("w.c"));
        Assert.Equal(66, typo.ExitCode);
    }
}
