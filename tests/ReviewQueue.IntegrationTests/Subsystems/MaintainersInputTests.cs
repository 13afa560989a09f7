using System.Text;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Subsystems;

/// <summary>
/// What the maintainers command reads besides paths of the tree: a patch on standard input (git format-patch -1 --stdout
/// | reviewqueue maintainers), an empty path, and a file given as MAINTAINERS that is no text.
/// </summary>
public sealed class MaintainersInputTests
{
    const string Maintainers = MaintainersCommandTests.KeywordMaintainers;

    const string Patch = """
        From: Dev <dev@example.org>
        Subject: [PATCH] gadget: register with widget_register

        Signed-off-by: Dev <dev@example.org>
        ---
        diff --git a/lib/gadget/g.c b/lib/gadget/g.c
        --- a/lib/gadget/g.c
        +++ b/lib/gadget/g.c
        @@ -1,2 +1,2 @@
         a
        -b
        +c

        """;

    static RunResult Cli(TempDir dir, string[] args, string? stdin = null) =>
        ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), "maintainers", "--maintainers", dir.File("MAINTAINERS"), .. args],
            stdin: stdin is null ? null : Encoding.UTF8.GetBytes(stdin), workDir: dir.Path);

    static TempDir Setup()
    {
        var dir = new TempDir("rq-maint-input");
        File.WriteAllText(dir.File("MAINTAINERS"), Maintainers);
        File.WriteAllText(dir.File("0001.patch"), Patch);
        return dir;
    }

    /// <summary>
    /// get_maintainer.pl reads the patch from standard input when it is given no file and stdin is no terminal; "-" is
    /// ReviewQueue's name for stdin, as for import (the script itself says "file '-' not found"). Either way the answer
    /// is the one for the same patch given as a file: output, warnings and exit code.
    /// </summary>
    [Fact]
    public void PatchOnStandardInputIsAnsweredAsTheSamePatchGivenAsAFile()
    {
        using var dir = Setup();
        foreach (string[] options in new[] { Array.Empty<string>(), ["--norolestats"], ["--json"] })
        {
            var file = Cli(dir, [.. options, dir.File("0001.patch")]);
            Assert.True(file.ExitCode == 0, file.Stderr);
            Assert.Contains("gil@example.org", file.Stdout);
            foreach (string[] stdinArgs in new[] { ["-"], Array.Empty<string>() })
            {
                var piped = Cli(dir, [.. options, .. stdinArgs], stdin: Patch);
                Assert.Equal((file.ExitCode, file.Stdout, file.Stderr), (piped.ExitCode, piped.Stdout, piped.Stderr));
            }
        }
        // With other patches, "-" is one of them.
        var both = Cli(dir, [dir.File("0001.patch"), "-"], stdin: Patch.Replace("lib/gadget/g.c", "drivers/widget/w.c"));
        Assert.True(both.ExitCode == 0, both.Stderr);
        Assert.Contains("Ann Author <ann@example.org> (supporter:WIDGET DRIVER)", both.Stdout);
        Assert.Contains("Gil Gadget <gil@example.org> (maintainer:GADGET CORE)", both.Stdout);
    }

    /// <summary>As get_maintainer.pl &lt; /dev/null: "file '&amp;STDIN' doesn't appear to be a patch", nothing printed, exit 0.</summary>
    [Fact]
    public void EmptyStandardInputIsWarnedAboutAsAFileWithoutADiff()
    {
        using var dir = Setup();
        var r = Cli(dir, [], stdin: "");
        Assert.Equal((0, ""), (r.ExitCode, r.Stdout));
        Assert.Contains("file '-' doesn't appear to be a patch", r.Stderr);
    }

    /// <summary>Standard input holds one patch and is read once: a second "-" would read nothing.</summary>
    [Fact]
    public void StandardInputGivenTwiceIsAUsageError()
    {
        using var dir = Setup();
        var r = Cli(dir, ["-", "-"], stdin: Patch);
        Assert.Equal((64, ""), (r.ExitCode, r.Stdout));
        Assert.Contains("reviewqueue: maintainers: - (standard input) given more than once", r.Stderr);
    }

    /// <summary>
    /// get_maintainer.pl "" and get_maintainer.pl -f "" die with "file '' not found" (exit 2) whatever the tree; a
    /// script's unset variable is a command line without the path, not THE REST's answer for ".".
    /// </summary>
    [Fact]
    public void AnEmptyPathIsAUsageError()
    {
        using var dir = Setup();
        foreach (var path in new[] { "", " " })
        {
            var r = Cli(dir, ["drivers/widget/w.c", path]);
            Assert.Equal((64, ""), (r.ExitCode, r.Stdout));
            Assert.Contains("reviewqueue: maintainers: PATH is empty", r.Stderr);
        }
    }

    /// <summary>
    /// A MAINTAINERS file is text: one that holds NUL bytes is some other file given for it (here a tar archive of the
    /// real one, whose header became the first section's title). Refused naming it, exit 78, and nothing stored.
    /// </summary>
    [Fact]
    public void AMaintainersFileHoldingNulBytesIsRefusedNamingIt()
    {
        using var dir = Setup();
        var header = "MAINTAINERS" + new string('\0', 89) + "0000644\0" + new string('\0', 404);
        File.WriteAllText(dir.File("MAINTAINERS"), header + Maintainers + new string('\0', 1024));
        var r = Cli(dir, ["drivers/widget/w.c"]);
        Assert.Equal((78, ""), (r.ExitCode, r.Stdout));
        Assert.Equal($"reviewqueue: maintainers: {dir.File("MAINTAINERS")} is not a text file (it holds NUL bytes), so no MAINTAINERS\n", r.Stderr);
    }
}
