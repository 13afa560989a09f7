using ReviewQueue.Core.Subsystems;

namespace ReviewQueue.Core.Tests.Subsystems;

public sealed class MaintainersFileTests
{
    const string Kernel = """
        List of maintainers
        -------------------

        	M: Mail patches to (this preamble is indented and ignored)

        WIDGET DRIVER
        M:	Ann Author <ann@example.org>
        R:	Rob Reviewer <rob@example.org>
        L:	widgets@lists.example.org
        L:	secret@lists.example.org (subscribers-only)
        L:	mod@lists.example.org (moderated for non-subscribers)
        S:	Maintained
        W:	https://widgets.example.org
        Q:	https://patchwork.example.org/project/widgets/list/
        B:	https://bugs.example.org
        C:	irc://irc.example.org/widgets
        P:	Documentation/process/widgets.rst
        T:	git git://git.example.org/widgets.git
        F:	drivers/widget/
        X:	drivers/widget/secret.c
        N:	widget
        K:	\bwidget_register\b
        """;

    [Fact]
    public void EveryFieldLetterIsReadWithItsValueAndLine()
    {
        var file = MaintainersFile.Parse(Kernel);
        var section = Assert.Single(file.Sections);
        Assert.Equal("WIDGET DRIVER", section.Name);
        Assert.Equal("MRLLLSWQBCPTFXNK", new string([.. section.Fields.Select(f => f.Letter)]));
        Assert.Equal("Ann Author <ann@example.org>", section.Maintainers.Single());
        Assert.Equal("maintainer", section.MaintainerRole);
        Assert.Equal(6, section.Line);
        Assert.Equal(7, section.Fields[0].Line);
        Assert.Empty(file.Problems);
    }

    [Fact]
    public void QemuStyleSpaceAfterTheColonAndDashedGroupHeadingsAreRead()
    {
        var file = MaintainersFile.Parse("""
            General Project Administration
            ------------------------------
            M: Peter Chief <peter@example.org>

            All patches CC here
            L: devel@example.org
            F: *
            F: */

            Guest CPU cores (TCG)
            ---------------------
            Overall TCG CPUs
            M: Rich Hacker <rich@example.org>
            S: Maintained
            F: accel/tcg/
            """);
        Assert.Equal(["General Project Administration", "All patches CC here", "Overall TCG CPUs"], file.Sections.Select(s => s.Name));
        Assert.Equal("Guest CPU cores (TCG)", file.Sections[2].Group);
        Assert.Equal("Rich Hacker <rich@example.org>", file.Sections[2].Maintainers.Single());
        Assert.Empty(file.Problems);
    }

    [Fact]
    public void MalformedLinesAreReportedWithTheirLineNumbers()
    {
        var file = MaintainersFile.Parse("""
            FIRST
            M:	Ann <ann@example.org>
            F:	a/

            ORPHAN TITLE
            SECOND
            Z:	what is this
            M:	no address here
            f:	lower/case
            F:
            """);
        var lines = file.Problems.Select(p => (p.Line, p.Reason)).ToList();
        Assert.Contains(lines, p => p.Line == 5 && p.Reason.Contains("neither a field"));
        Assert.Contains(lines, p => p.Line == 7 && p.Reason.Contains("unknown field letter"));
        Assert.Contains(lines, p => p.Line == 8 && p.Reason.Contains("without an address"));
        Assert.Contains(lines, p => p.Line == 9 && p.Reason.Contains("lower-case"));
        Assert.Contains(lines, p => p.Line == 10 && p.Reason.Contains("without a value"));
    }

    [Fact]
    public void AnAddressThatCannotBeParsedIsReportedInLineOrderWithTheOthers()
    {
        var file = MaintainersFile.Parse("""
            FIRST
            M:	Ann <ann@example.org>
            Z:	what is this
            M: Bob <<bob@@>
            F:	a/

            ORPHAN TITLE
            SECOND
            L:	no list address
            """);
        Assert.Equal([(3, "unknown field letter Z:"), (4, "address that cannot be parsed"),
            (7, "text line that is neither a field nor followed by fields (a section title without fields?)"),
            (9, "list without an address")], file.Problems.Select(p => (p.Line, p.Reason)));
        // The line is quoted as written, with its own blank after the colon.
        Assert.Equal("M: Bob <<bob@@>", file.Problems[1].Text);
    }

    [Fact]
    public void SeveralFilesAreMergedInOrderAsUBootSplitsThem()
    {
        var file = MaintainersFile.Parse([
            ("MAINTAINERS", "THE REST\nM:\tTom <tom@example.org>\nF:\t*\nF:\t*/\n"),
            ("board/acme/MAINTAINERS", "ACME BOARD\nM:\tAcme <acme@example.org>\nF:\tboard/acme/\n"),
        ]);
        Assert.Equal(["THE REST", "ACME BOARD"], file.Sections.Select(s => s.Name));
        Assert.Equal("board/acme/MAINTAINERS", file.Sections[1].File);
        Assert.True(file.Sections[1].Fields[0].Ordinal > file.Sections[0].Fields[^1].Ordinal);
    }
}
