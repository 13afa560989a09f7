using ReviewQueue.Core.Subsystems;

namespace ReviewQueue.Core.Tests.Subsystems;

/// <summary>What get_maintainer.pl reads from a patch file: its paths and the K: lines that match it.</summary>
public sealed class PatchFilesTests
{
    const string Text = """
        WIDGET DRIVER
        M:	Ann Author <ann@example.org>
        S:	Maintained
        F:	drivers/widget/
        K:	\bwidget_register\b

        GADGET CORE
        M:	Gil Gadget <gil@example.org>
        S:	Maintained
        F:	lib/gadget/
        K:	gadget_poke\s

        THE REST
        M:	Linus Torvalds <torvalds@linux-foundation.org>
        L:	linux-kernel@vger.kernel.org
        S:	Buried alive in reporters
        F:	*
        F:	*/
        """;

    static MaintainersMap Map() => new(MaintainersFile.Parse(Text), TreeFileList.Empty);

    const string Diff = "---\n lib/misc.c | 2 +-\n\ndiff --git a/lib/misc.c b/lib/misc.c\n--- a/lib/misc.c\n+++ b/lib/misc.c\n" +
        "@@ -1,2 +1,2 @@\n a\n-b\n+c\n";

    [Fact]
    public void AFixesLineIsNotSearchedForKeywordsAsTheScriptTakesItForTheFixedCommit()
    {
        var patch = "Subject: [PATCH] misc: plug a leak\n\nFixes: 0123456789ab (\"misc: call widget_register early\")\n" + Diff;
        Assert.Empty(Map().ForPatch(patch).KeywordSections);
    }

    [Fact]
    public void TheSameWordsOnAnotherLineOfTheMessageAreAKeywordHit()
    {
        var patch = "Subject: [PATCH] misc: plug a leak\n\nThe leak came with widget_register early.\n" +
            "Fixes: 0123456789ab (\"misc: call widget_register early\")\n" + Diff;
        Assert.Equal(["WIDGET DRIVER"], Map().ForPatch(patch).KeywordSections.Select(s => s.Name));
    }

    [Fact]
    public void AKeywordSeesTheLineEndAsPerlReadsTheLine()
    {
        // "gadget_poke\s" matches "+gadget_poke\n" in Perl: the line keeps its newline.
        var patch = "--- a/lib/misc.c\n+++ b/lib/misc.c\n@@ -1,2 +1,2 @@\n a\n-b\n+\tgadget_poke\n";
        Assert.Equal(["GADGET CORE"], Map().ForPatch(patch).KeywordSections.Select(s => s.Name));
    }

    [Fact]
    public void TheLastLineWithoutANewlineHasNoLineEndToMatch()
    {
        var patch = "--- a/lib/misc.c\n+++ b/lib/misc.c\n@@ -1,2 +1,2 @@\n a\n-b\n+\tgadget_poke";
        Assert.Empty(Map().ForPatch(patch).KeywordSections);
    }

    [Fact]
    public void FilesComeFromEveryKindOfLineSortedOnceEachWithDevNullAsTheScriptLeavesIt()
    {
        var patch = """
            ---
             mode change 100644 => 100755 scripts/run.sh
            diff --git a/drivers/widget/old.c b/drivers/widget/new.c
            similarity index 90%
            rename from drivers/widget/old.c
            rename to drivers/widget/new.c
            diff --git a/drivers/widget/added.c b/drivers/widget/added.c
            new file mode 100644
            --- /dev/null
            +++ b/drivers/widget/added.c
            @@ -0,0 +1 @@
            +x

            """;
        Assert.Equal(["dev/null", "drivers/widget/added.c", "drivers/widget/new.c", "drivers/widget/old.c", "scripts/run.sh"],
            PatchFiles.Read(patch, null).Paths);
    }
}
