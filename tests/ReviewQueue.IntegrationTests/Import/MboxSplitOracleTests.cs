using System.Text;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Import;

/// <summary>
/// Mboxes that are hard to split, each split by git mailsplit (`--mboxrd --keep-cr`) and by MboxReader: the same
/// messages, byte for byte. An mboxo body line that reads as a From line with a time and a year (a quoted mbox in a
/// commit message) splits the message in git too: ReviewQueue follows git there.
/// </summary>
public sealed class MboxSplitOracleTests
{
    const string Separator = "From user@example.org Sat Nov 28 06:00:00 2026\n";

    static string Mail(int n, string body) =>
        $"From: User <user@example.org>\nSubject: message {n}\nMessage-ID: <m{n}@example.org>\n\n{body}\n";

    [Theory]
    [InlineData("format-patch")]
    [InlineData("format-patch mboxrd")]
    [InlineData("format-patch mboxrd CRLF")]
    [InlineData("format-patch mboxrd without a final newline")]
    [InlineData("blank lines before the first From line")]
    [InlineData("white space before the first From line")]
    [InlineData("mutt, Thunderbird and Python From lines")]
    [InlineData("mboxcl Content-Length, body not escaped")]
    [InlineData("binary bytes")]
    [InlineData("body From lines git reads with strtol")]
    [InlineData("body From lines with CRLF")]
    public void MessagesAreThoseGitMailsplitWrites(string mbox)
    {
        using var dir = new TempDir("rq-split");
        var path = dir.File("test.mbox");
        File.WriteAllBytes(path, Build(mbox, dir));

        var split = MailsplitOracle.Of(path);

        Assert.True(split.Git.Count > 1, $"git split {split.Git.Count}");
        Assert.Empty(split.Differences());
    }

    static byte[] Build(string mbox, TempDir dir) => mbox switch
    {
        "format-patch" => FormatPatch(dir),
        "format-patch mboxrd" => FormatPatch(dir, "--pretty=mboxrd"),
        "format-patch mboxrd CRLF" => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(FormatPatch(dir, "--pretty=mboxrd")).Replace("\n", "\r\n")),
        "format-patch mboxrd without a final newline" => FormatPatch(dir, "--pretty=mboxrd")[..^1],
        "blank lines before the first From line" => [.. "\n\r\n \t\n"u8, .. FormatPatch(dir, "--pretty=mboxrd")],
        // git mailsplit skips every white-space byte before the first line.
        "white space before the first From line" => [.. "  \t"u8, .. FormatPatch(dir, "--pretty=mboxrd")],
        "mutt, Thunderbird and Python From lines" => Encoding.UTF8.GetBytes(
            Separator + "Status: RO\nContent-Length: 40\nLines: 2\n" + Mail(1, ">From the start.\n>>From quoted.\n> From not escaped.") + "\n" +
            "From - Sat Nov 28 06:01:00 2026\nX-Mozilla-Status: 0001\n" + Mail(2, ">From Thunderbird.") + "\n" +
            "From MAILER-DAEMON Sat Nov 28 06:02:00 2026\n" + Mail(3, ">From Python's mailbox.")),
        // mboxcl2 does not escape: a body line with a date splits in git as here, Content-Length or not.
        "mboxcl Content-Length, body not escaped" => Encoding.UTF8.GetBytes(
            Separator + "Content-Length: 60\n" + Mail(1, "From a@b Sat Nov 28 06:00:00 2026 in the body\nFrom here on.") + "\n" +
            Separator + "Content-Length: 3\n" + Mail(2, "two")),
        "binary bytes" => [.. Encoding.UTF8.GetBytes(Separator + "Content-Type: application/octet-stream\n\n"),
            .. Enumerable.Range(0, 256).Select(b => (byte)b), .. "\n\r\rFrom\0 x\n\n"u8, .. Encoding.UTF8.GetBytes(Separator + Mail(2, "two"))],
        // strtol skips any white space, takes a sign and leading zeros: each of these lines splits in git.
        "body From lines git reads with strtol" => Encoding.UTF8.GetBytes(
            Separator + Mail(1, "body") + "From a Mon Jan  1 10:00:00 +1999\n" + Mail(2, "body") + "From a Mon Jan  1 10:00:00\t1999\n" +
            Mail(3, "body") + "From a Mon Jan  1 10:00:00 0000001999\n" + Mail(4, "body") + "From a 10:00:00\v1999\n" + Mail(5, "body") +
            "From a Mon Jan  1 10:00:00 -1999\nFrom a 10:00:00 \01999\n"),
        // With CRLF git's search for the colon starts one byte later (at the line's last character) and a line of 18
        // characters is long enough: the first two do not split, the third does.
        "body From lines with CRLF" => Encoding.UTF8.GetBytes((
            Separator + Mail(1, "From x Mon Jan  1 10:00:00 1999 x:\nFrom a 10:00:00 1999:\nbody") +
            "From 00:00:00 1991\n" + Mail(2, "body")).Replace("\n", "\r\n")),
        _ => throw new ArgumentException(mbox),
    };

    /// <summary>git format-patch of three commits whose messages hold From lines, one a quoted mbox separator.</summary>
    static byte[] FormatPatch(TempDir dir, params string[] options)
    {
        var repo = dir.File("repo");
        if (!Directory.Exists(repo))
        {
            Directory.CreateDirectory(repo);
            Run.Git(repo, "init", "-q", "-b", "main");
            File.WriteAllText(Path.Combine(repo, "driver.c"), "int x;\n");
            Run.Git(repo, "add", ".");
            Run.Git(repo, "commit", "-q", "-m", "base");
            // A diff of a file with From lines: each diff line starts with '+', never with "From ".
            File.WriteAllText(Path.Combine(repo, "sample.mbox"), "From a@b Mon Jan  5 10:00:00 2026\nSubject: x\n\n>From here\n");
            Run.Git(repo, "add", ".");
            Run.Git(repo, "commit", "-q", "-m", "test: add an mbox fixture\n\nFrom the start this fixture holds From lines.\n");
            File.WriteAllText(Path.Combine(repo, "driver.c"), "int x;\nint y;\n");
            Run.Git(repo, "commit", "-q", "-am", "demo: quote an mbox\n\nThe broken archive read:\n\n" +
                "From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001\nFrom: Someone <s@example.org>\n" +
                ">From the escaped line\n>>From the doubly escaped line\n\nSigned-off-by: Ada Author <ada@example.org>\n");
            File.WriteAllText(Path.Combine(repo, "driver.c"), "int x;\nint y;\nint z; /* " + new string('x', 100_000) + " */\n");
            Run.Git(repo, "commit", "-q", "-am", "demo: a very long line");
        }
        return Run.Git(repo, ["format-patch", "--stdout", .. options, "HEAD~3"]).StdoutBytes;
    }
}
