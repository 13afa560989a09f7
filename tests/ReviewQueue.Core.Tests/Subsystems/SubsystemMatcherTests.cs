using ReviewQueue.Core.Subsystems;

namespace ReviewQueue.Core.Tests.Subsystems;

public sealed class SubsystemMatcherTests
{
    const string Text = """
        NET CORE
        M:	Ned <ned@example.org>
        S:	Supported
        F:	drivers/net/
        X:	drivers/net/wireless/

        NET DIRECT FILES ONLY
        M:	Dee <dee@example.org>
        S:	Maintained
        F:	drivers/net/*

        WIFI
        M:	Wil <wil@example.org>
        S:	Odd Fixes
        F:	drivers/net/wireless

        HEADERS
        M:	Hal <hal@example.org>
        S:	Maintained
        F:	include/linux/foo*.[ch]
        F:	include/linux/ba?.h

        ANY FOO
        M:	Fay <fay@example.org>
        S:	Maintained
        N:	foo

        TIE A
        M:	Ava <ava@example.org>
        S:	Maintained
        F:	lib/tie.c

        TIE B
        M:	Bea <bea@example.org>
        S:	Maintained
        F:	lib/tie.c

        THE REST
        M:	Linus Torvalds <torvalds@linux-foundation.org>
        L:	linux-kernel@vger.kernel.org
        S:	Buried alive in reporters
        F:	*
        F:	*/
        """;

    static readonly TreeFileList Tree = new(["drivers/net/core.c", "drivers/net/phy/phy.c", "drivers/net/wireless/ath/ath.c",
        "drivers/net/wireless/w.c", "include/linux/foo.h", "include/linux/bar.h", "lib/tie.c", "Makefile"]);

    static readonly SubsystemMatcher Matcher = SubsystemMatcher.Compile(MaintainersFile.Parse(Text), Tree);

    static List<string> Names(string path) => [.. Matcher.Match(path).Select(m => m.Section.Name)];

    [Fact]
    public void TrailingSlashMatchesTheWholeSubtree() =>
        Assert.Equal(["NET CORE", "THE REST"], Names("drivers/net/phy/phy.c"));

    [Fact]
    public void StarWithoutTrailingSlashMatchesOnlyFilesDirectlyInTheDirectory()
    {
        Assert.Contains("NET DIRECT FILES ONLY", Names("drivers/net/core.c"));
        Assert.DoesNotContain("NET DIRECT FILES ONLY", Names("drivers/net/phy/phy.c"));
    }

    [Fact]
    public void APatternNamingADirectoryOfTheTreeMatchesItsSubtree()
    {
        Assert.Equal(["WIFI", "THE REST"], Names("drivers/net/wireless/ath/ath.c"));
        // Without the tree's file list the same pattern is a file name and matches nothing deeper.
        var bare = SubsystemMatcher.Compile(MaintainersFile.Parse(Text), TreeFileList.Empty);
        Assert.DoesNotContain(bare.Match("drivers/net/wireless/ath/ath.c"), m => m.Section.Name == "WIFI");
    }

    [Fact]
    public void AnExcludedPathLeavesTheSection() =>
        Assert.DoesNotContain("NET CORE", Names("drivers/net/wireless/w.c"));

    [Fact]
    public void GlobCharactersAndCharacterClassesWorkAsGetMaintainerConvertsThem()
    {
        Assert.Contains("HEADERS", Names("include/linux/foo.h"));
        Assert.Contains("HEADERS", Names("include/linux/bar.h"));
        Assert.DoesNotContain("HEADERS", Names("include/linux/foo.rs"));
        // "." is literal: "ba?.h" does not match "bar_h".
        Assert.DoesNotContain("HEADERS", Names("include/linux/bar_h"));
    }

    [Fact]
    public void NRegexMatchesAnywhereInThePathWithDepthZero()
    {
        var matches = Matcher.Match("include/linux/foo.h");
        var foo = Assert.Single(matches, m => m.Section.Name == "ANY FOO");
        Assert.Equal(0, foo.Depth);
    }

    [Fact]
    public void DeeperPatternsComeFirstAndTheRestComesLast()
    {
        var matches = Matcher.Match("drivers/net/core.c");
        Assert.Equal(["NET DIRECT FILES ONLY", "NET CORE", "THE REST"], matches.Select(m => m.Section.Name));
        Assert.Equal([3, 2, -1], matches.Select(m => m.Depth));
    }

    [Fact]
    public void TiesKeepFileOrder() =>
        Assert.Equal(["TIE A", "TIE B", "THE REST"], Names("lib/tie.c"));

    [Fact]
    public void ARegexThatDoesNotCompileIsAProblemNotACrash()
    {
        var m = SubsystemMatcher.Compile(MaintainersFile.Parse("BAD\nM:\tB <b@example.org>\nN:\t(unclosed\nF:\tx/\n"), TreeFileList.Empty);
        Assert.Single(m.Problems);
        Assert.Equal(["BAD"], m.Match("x/y.c").Select(s => s.Section.Name));
    }

    [Fact]
    public void ACatastrophicRegexInMaintainersTimesOutInsteadOfHanging()
    {
        var m = SubsystemMatcher.Compile(MaintainersFile.Parse("SLOW\nM:\tS <s@example.org>\nN:\t(a+)+$\n"), TreeFileList.Empty);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var matches = m.Match(new string('a', 40) + "!");
        Assert.Empty(matches);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }
}
