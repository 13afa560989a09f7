using System.Text;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Subsystems;

/// <summary>
/// git format-patch -1 --stdout | get_maintainer.pl, and the same into reviewqueue maintainers, with Linux 6.12's
/// MAINTAINERS: a patch on standard input is answered as the patch file is, by both. The script runs in
/// $REVIEWQUEUE_LINUX_TREE (Linux 6.12.117 with scripts/get_maintainer.pl, e.g. Debian's linux-source-6.12 unpacked);
/// without it only our own answers are compared, and the test says so.
/// </summary>
public sealed class GetMaintainerStdinTests(ITestOutputHelper output)
{
    // Three subsystems' files, a keyword in the message (K: clang|llvm) and one in an added line (K: hwmon_device_register).
    const string Patch = """
        From 5d1f0c3e2b4a69788f7e6d5c4b3a2910fedcba98 Mon Sep 17 00:00:00 2001
        From: Dev Eloper <dev@example.org>
        Date: Sat, 28 Nov 2026 08:00:00 +0000
        Subject: [PATCH] hwmon: (lm90) quiet a clang warning

        Clang warns about an unused variable; register with the info API.

        Signed-off-by: Dev Eloper <dev@example.org>
        ---
         Documentation/hwmon/lm90.rst  | 2 +-
         drivers/hwmon/lm90.c          | 2 +-
         drivers/usb/typec/tcpm/tcpm.c | 2 +-
         3 files changed, 3 insertions(+), 3 deletions(-)

        diff --git a/Documentation/hwmon/lm90.rst b/Documentation/hwmon/lm90.rst
        index 1111111..2222222 100644
        --- a/Documentation/hwmon/lm90.rst
        +++ b/Documentation/hwmon/lm90.rst
        @@ -1,3 +1,3 @@
         Kernel driver lm90
        -==================
        +=================
         
        diff --git a/drivers/hwmon/lm90.c b/drivers/hwmon/lm90.c
        index 3333333..4444444 100644
        --- a/drivers/hwmon/lm90.c
        +++ b/drivers/hwmon/lm90.c
        @@ -10,3 +10,3 @@
         {
        -	hwmon_dev = devm_hwmon_device_register(dev);
        +	hwmon_dev = devm_hwmon_device_register_with_info(dev, name, data, info, NULL);
         }
        diff --git a/drivers/usb/typec/tcpm/tcpm.c b/drivers/usb/typec/tcpm/tcpm.c
        index 5555555..6666666 100644
        --- a/drivers/usb/typec/tcpm/tcpm.c
        +++ b/drivers/usb/typec/tcpm/tcpm.c
        @@ -20,3 +20,3 @@
         {
        -	int unused;
        +	int used;
         }
        -- 
        2.39.5

        """;

    [Fact]
    public void PatchPipedToGetMaintainerAndToOursIsAnsweredAsThePatchFile()
    {
        var corpus = Corpus.Require("maintainers", "linux-6.12");
        using var dir = new TempDir("rq-stdin");
        File.WriteAllText(dir.File("0001.patch"), Patch);
        var bytes = Encoding.UTF8.GetBytes(Patch);

        var file = Ours(dir, corpus, [dir.File("0001.patch")], stdin: null);
        Assert.True(file.ExitCode == 0, file.Stderr);
        var expected = file.Stdout;
        output.WriteLine(expected);
        Assert.Contains("(maintainer:LM90 HARDWARE MONITOR DRIVER)", expected);
        Assert.Contains("linux-usb@vger.kernel.org (open list:USB TYPEC PORT CONTROLLER DRIVERS)", expected);
        Assert.Contains("llvm@lists.linux.dev", expected);
        foreach (string[] args in new[] { ["-"], Array.Empty<string>() })
        {
            var piped = Ours(dir, corpus, args, bytes);
            Assert.Equal((0, expected, ""), (piped.ExitCode, piped.Stdout, piped.Stderr));
        }

        var tree = Environment.GetEnvironmentVariable("REVIEWQUEUE_LINUX_TREE");
        if (tree is null || !File.Exists(Path.Combine(tree, "scripts", "get_maintainer.pl")))
        {
            output.WriteLine("REVIEWQUEUE_LINUX_TREE (a Linux 6.12.117 tree with scripts/get_maintainer.pl) not set: get_maintainer.pl not run");
            return;
        }
        string[] script = ["scripts/get_maintainer.pl", "--nogit", "--nogit-fallback", "--nofixes",
            "--mpath", Path.Combine(corpus, "MAINTAINERS")];
        var perlFile = Run.Program("perl", [.. script, dir.File("0001.patch")], workDir: tree);
        var perlPiped = Run.Program("perl", script, workDir: tree, stdin: bytes);
        Assert.True(perlPiped.ExitCode == 0, perlPiped.Stderr);
        Assert.Equal(perlFile.Stdout, perlPiped.Stdout);
        Assert.Equal(perlPiped.Stdout, expected);
    }

    static RunResult Ours(TempDir dir, string corpus, string[] args, byte[]? stdin) =>
        Run.Program("dotnet", [typeof(ReviewQueue.Commands.GlobalOptions).Assembly.Location, "--db", dir.File("ledger.db"),
            "maintainers", "--maintainers", Path.Combine(corpus, "MAINTAINERS"),
            "--tree-files", Path.Combine(corpus, "tree-files-6.12.117.txt"), .. args],
            workDir: dir.Path, stdin: stdin, env: new Dictionary<string, string> { ["Maintainers__Mailmap"] = Path.Combine(corpus, "mailmap") });
}
