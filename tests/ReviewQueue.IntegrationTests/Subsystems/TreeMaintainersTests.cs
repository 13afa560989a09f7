using ReviewQueue.Git.Maintainers;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Subsystems;

/// <summary>MAINTAINERS, .mailmap and the file list read from a real git repository at a branch head.</summary>
public sealed class TreeMaintainersTests
{
    const string Maintainers = """
        WIDGET DRIVER
        M:	Ann Author <ann@example.org>
        M:	Old Name <old@example.org>
        L:	widgets@lists.example.org
        S:	Maintained
        F:	drivers/widget

        THE REST
        L:	linux-kernel@vger.kernel.org
        S:	Buried alive in reporters
        F:	*
        F:	*/
        """;

    static TempDir Repo()
    {
        var dir = new TempDir("rq-maint");
        Run.Git(dir.Path, "init", "-q", "-b", "main");
        Directory.CreateDirectory(dir.File("drivers/widget/core"));
        File.WriteAllText(dir.File("MAINTAINERS"), Maintainers);
        File.WriteAllText(dir.File(".mailmap"), "New Name <new@example.org> <old@example.org>\n");
        File.WriteAllText(dir.File("drivers/widget/core/w.c"), "int w;\n");
        Run.Git(dir.Path, "add", "-A");
        Run.Git(dir.Path, "commit", "-q", "-m", "start");
        return dir;
    }

    [Fact]
    public void MaintainersMailmapAndFileListComeFromTheBranchHead()
    {
        using var dir = Repo();
        var snapshot = new TreeMaintainers(dir.Path, "main").Load();
        // "drivers/widget" names a directory of the commit's tree, so it matches the whole subtree.
        var answer = snapshot.Map.ForPath("drivers/widget/core/w.c");
        Assert.Equal(["WIDGET DRIVER", "THE REST"], answer.Sections.Select(s => s.Section.Name));
        Assert.Equal([
            "Ann Author <ann@example.org> (maintainer:WIDGET DRIVER)",
            "New Name <new@example.org> (maintainer:WIDGET DRIVER)",
            "widgets@lists.example.org (open list:WIDGET DRIVER)",
            "linux-kernel@vger.kernel.org (open list)",
        ], answer.Recipients.Select(r => r.ToString()));
        Assert.Equal(Run.Git(dir.Path, "rev-parse", "main").Stdout.Trim(), snapshot.Commit);
    }

    [Fact]
    public void ANewCommitReusesTheMapUntilTheMaintainersBlobChanges()
    {
        using var dir = Repo();
        var reader = new TreeMaintainers(dir.Path, "main");
        var first = reader.Load();
        File.WriteAllText(dir.File("README"), "hello\n");
        Run.Git(dir.Path, "add", "-A");
        Run.Git(dir.Path, "commit", "-q", "-m", "readme");
        var second = reader.Load();
        Assert.Same(first.Map, second.Map);
        Assert.NotEqual(first.Commit, second.Commit);

        File.AppendAllText(dir.File("MAINTAINERS"), "\nREADME\nM:\tRia <ria@example.org>\nS:\tMaintained\nF:\tREADME\n");
        Run.Git(dir.Path, "commit", "-q", "-am", "maintainers");
        var third = reader.Load();
        Assert.NotSame(first.Map, third.Map);
        Assert.Equal("README", third.Map.ForPath("README").Sections[0].Section.Name);
    }

    [Fact]
    public void RecentReviewersAreRankedByCountWithoutTheAuthor()
    {
        using var dir = Repo();
        void Commit(string body)
        {
            File.AppendAllText(dir.File("drivers/widget/core/w.c"), "x\n");
            Run.Git(dir.Path, "commit", "-q", "-am", body);
        }
        Commit("fix one\n\nReviewed-by: Rev One <one@example.org>\nAcked-by: Ada Author <ada@example.org>");
        Commit("fix two\n\nReviewed-by: Rev One <one@example.org>\nAcked-by: Two <two@example.org>");
        File.WriteAllText(dir.File("other.c"), "y\n");
        Run.Git(dir.Path, "add", "-A");
        Run.Git(dir.Path, "commit", "-q", "-m", "other\n\nReviewed-by: Elsewhere <else@example.org>");

        var found = RecentReviewers.Find(dir.Path, "main", ["drivers/widget/core/w.c"],
            DateTimeOffset.UtcNow.AddMonths(-12), excludeEmail: "ada@example.org");
        Assert.Equal([("one@example.org", 2), ("two@example.org", 1)], found.Select(r => (r.Email, r.Count)));
    }

    [Fact]
    public async Task TheStoreRecordsWhichSectionsAMessageTouches()
    {
        using var dir = Repo();
        var snapshot = new TreeMaintainers(dir.Path, "main").Load();
        var store = new SubsystemStore(Ledger.Open(dir.File("ledger.db")), TimeProvider.System);
        var ct = TestContext.Current.CancellationToken;
        await store.ReplaceSectionsAsync(snapshot.Map.File.Sections.Select(s =>
            new SubsystemStore.SectionInput(s.Name, s.Status, [.. s.Maintainers], [.. s.Reviewers], [.. s.Lists])), snapshot.Source, ct);
        var sections = snapshot.Map.ForPath("drivers/widget/core/w.c").Sections.Select(s => s.Section.Name).ToList();
        await store.RecordAsync("<patch-1@example.org>", sections, ct);

        Assert.Equal(sections, await store.SectionsOfAsync("<patch-1@example.org>", ct));
        var all = await store.AllAsync(ct);
        Assert.Equal(1, all.Single(r => r.Name == "WIDGET DRIVER").SeriesCount);
        Assert.Equal(2, all.Count);
    }
}
