using ReviewQueue.Core.Subsystems;

namespace ReviewQueue.Core.Tests.Subsystems;

public sealed class RecipientListTests
{
    const string Text = """
        WIDGET DRIVER WITH A VERY LONG NAME THAT GET_MAINTAINER CUTS SHORT
        M:	Ann Author <ann@example.org>
        M:	Old Name <old@example.org>
        R:	"Rob R. Reviewer" <rob@example.org>
        L:	widgets@lists.example.org
        L:	secret@lists.example.org (subscribers-only)
        L:	mod@lists.example.org (moderated for non-subscribers)
        S:	Odd Fixes
        F:	drivers/widget/
        K:	\bwidget_register\b

        THE REST
        M:	Linus Torvalds <torvalds@linux-foundation.org>
        L:	linux-kernel@vger.kernel.org
        S:	Buried alive in reporters
        F:	*
        F:	*/
        """;

    static MaintainersMap Map() => new(MaintainersFile.Parse(Text), TreeFileList.Empty,
        Mailmap.Parse("New Name <new@example.org> <old@example.org>\n"));

    [Fact]
    public void RecipientsAreFormattedAsGetMaintainerPrintsThem()
    {
        var lines = Map().ForPath("drivers/widget/w.c").Recipients.Select(r => r.ToString()).ToList();
        const string name = "WIDGET DRIVER WITH A VERY LONG NAME THAT GET_MA...";
        Assert.Equal([
            $"Ann Author <ann@example.org> (odd fixer:{name})",
            $"New Name <new@example.org> (odd fixer:{name})",
            $"\"Rob R. Reviewer\" <rob@example.org> (reviewer:{name})",
            $"widgets@lists.example.org (open list:{name})",
            $"mod@lists.example.org (moderated list:{name})",
            "linux-kernel@vger.kernel.org (open list)",
        ], lines);
    }

    [Fact]
    public void KeywordsInThePatchAddTheirSectionWithTheKeywordInTheRole()
    {
        var patch = """
            Subject: [PATCH] misc: use the new API

            ---
            diff --git a/lib/misc.c b/lib/misc.c
            --- a/lib/misc.c
            +++ b/lib/misc.c
            @@ -1,3 +1,3 @@
            -	old();
            +	widget_register(&w);
            """;
        var answer = Map().ForPatch(patch);
        Assert.Equal(["lib/misc.c"], answer.Paths);
        Assert.Equal(["THE REST"], answer.Sections.Select(s => s.Section.Name));
        Assert.Contains(answer.Recipients, r => r.Role.EndsWith(@":Keyword:\bwidget_register\b", StringComparison.Ordinal));
    }

    [Fact]
    public void AKeywordOnAContextLineDoesNotCount()
    {
        var patch = "--- a/lib/misc.c\n+++ b/lib/misc.c\n@@ -1,2 +1,2 @@\n \twidget_register(&w);\n-a\n+b\n";
        Assert.Empty(Map().ForPatch(patch).KeywordSections);
    }

    [Fact]
    public void XenDialectCutsNamesAtTwentyAndDropsTheRestWhenAMaintainerIsFound()
    {
        var xen = MaintainersFile.Parse("""
            ARM ARCHITECTURE SUPPORT
            M:	Stef <stef@example.org>
            S:	Supported
            F:	xen/arch/arm/

            THE REST
            M:	Andy <andy@example.org>
            L:	xen-devel@lists.example.org
            S:	Supported
            F:	*
            F:	*/
            V:	xen-maintainers-1
            """);
        var map = new MaintainersMap(xen, TreeFileList.Empty);
        Assert.Equal(GetMaintainerDialect.Xen, map.Dialect);
        Assert.Equal(["Stef <stef@example.org> (supporter:ARM ARCHITECTURE...)", "xen-devel@lists.example.org (open list)"],
            map.ForPath("xen/arch/arm/setup.c").Recipients.Select(r => r.ToString()));
        Assert.Equal(["Andy <andy@example.org> (supporter:THE REST)", "xen-devel@lists.example.org (open list)"],
            map.ForPath("README").Recipients.Select(r => r.ToString()));
    }

    [Fact]
    public void AddressesInAYamlFileJoinAsInFileAndMarkKnownPeople()
    {
        const string yaml = """
            title: Widget controller
            maintainers:
              - Ann Author <ann@example.org>
              - Dr. Zed Q. Newcomer <zed@example.org>
            """;
        // Names are cut to their last words, and quoted when they hold a ".", as get_maintainer.pl prints them.
        Assert.Equal(["Ann Author <ann@example.org>", "\"Zed Q. Newcomer\" <zed@example.org>"], FileEmails.Find(yaml));
        var answer = Map().ForPath("drivers/widget/w.yaml", content: _ => yaml);
        const string name = "WIDGET DRIVER WITH A VERY LONG NAME THAT GET_MA...";
        Assert.Equal($"Ann Author <ann@example.org> (odd fixer:{name},in file)", answer.Recipients[0].ToString());
        Assert.Contains(answer.Recipients, r => r.ToString() == "\"Zed Q. Newcomer\" <zed@example.org> (in file)");
        // Only .yaml files are read, as get_maintainer.pl does without --file-emails.
        Assert.DoesNotContain(Map().ForPath("drivers/widget/w.c", content: _ => yaml).Recipients, r => r.Role.Contains("in file"));
    }
}
