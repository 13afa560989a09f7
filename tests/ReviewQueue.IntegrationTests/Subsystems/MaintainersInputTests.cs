using System.Text;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Subsystems;

/// <summary>
/// What the maintainers command reads besides paths of the tree: a patch on standard input (git format-patch -1 --stdout
/// | reviewqueue maintainers), an empty path, and a file given as MAINTAINERS that is no text.
/// </summary>
public sealed class MaintainersInputTests
{
    const string Maintainers = """
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
