using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Commands;

/// <summary>
/// Mail puts what it likes in a subject or a name, escape sequences included (RFC 2047 carries any byte): written to a
/// maintainer's terminal as they are, ESC [ 2 J clears it, ESC ] 0 sets its title, ESC ] 52 writes its clipboard, and a
/// carriage return writes over what a line said (the subject's own is taken out as its line breaks are). Every command that writes text shows them as `cat -v` and less do
/// (^[ for ESC, ^M, ^?, &lt;9b&gt; for a C1 control); JSON escapes them, and `am` and `--csv` keep the data as it is.
/// </summary>
public sealed class ControlCharacterTests
{
    const string Subject = "=?utf-8?q?=5BPATCH=5D_hwmon=3A_fix_=1B=5D0=3Bowned=07=1B=5B2J_probe=0Dall_fine_=C2=9B31m?=";
    const string Author = "=?utf-8?q?Eve_=1B=5B31mRed?= <eve@example.org>";

    static string Mail() =>
        $"From: {Author}\nTo: devel@lists.example.org\nSubject: {Subject}\nDate: Mon, 5 Jan 2026 10:00:00 +0000\n" +
        "Message-ID: <esc-1@example.org>\n\nA fix.\n\nSigned-off-by: Eve <eve@example.org>\n---\n" +
        " drivers/hwmon/a.c | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n\n" +
        "diff --git a/drivers/hwmon/a.c b/drivers/hwmon/a.c\nindex 1111111..2222222 100644\n--- a/drivers/hwmon/a.c\n+++ b/drivers/hwmon/a.c\n" +
        "@@ -1 +1 @@\n-int a;\n+int b;\n";

    static bool HasControl(string text) => text.Any(c => (c < ' ' && c is not ('\n' or '\t')) || c is >= '\u007f' and <= '\u009f');

    [Theory]
    [InlineData("series")]
    [InlineData("show esc-1@example.org")]
    [InlineData("backlog --subsystem THE REST")]
    [InlineData("people")]
    public void ACommandShowsTheControlCharactersOfMailAsCatVDoes(string command)
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        File.WriteAllText(dir.File("esc.eml"), Mail());
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", dir.File("esc.eml")]).ExitCode);
        string[] args = command.StartsWith("backlog") ? ["backlog", "--subsystem", "THE REST"] : command.Split(' ');

        var run = ReviewQueueProgram.Run(["--db", db, .. args]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.False(HasControl(run.Stdout), run.Stdout);
        if (command != "people")
            Assert.Contains("fix ^[]0;owned^G^[[2J probeall fine <9b>31m", run.Stdout);
        if (command is "show esc-1@example.org" or "people")
            Assert.Contains("Eve ^[[31mRed", run.Stdout);
    }

    [Fact]
    public void InspectShowsThemToo()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("esc.eml"), Mail());

        var run = ReviewQueueProgram.Run(["inspect", dir.File("esc.eml")]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.False(HasControl(run.Stdout), run.Stdout);
        Assert.Contains("author: Eve ^[[31mRed <eve@example.org>", run.Stdout);
        Assert.Contains("fix ^[]0;owned^G^[[2J probeall fine <9b>31m", run.Stdout);
    }

    [Fact]
    public void JsonAndAmKeepTheMailAsWritten()
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        File.WriteAllText(dir.File("esc.eml"), Mail());
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", dir.File("esc.eml")]).ExitCode);

        var json = ReviewQueueProgram.Run(["--db", db, "show", "esc-1@example.org", "--json"]);

        Assert.Contains("\\u001B]0;owned\\u0007", json.Stdout, StringComparison.OrdinalIgnoreCase);
    }
}
