using System.Text;
using ReviewQueue.Core.Ingest;

namespace ReviewQueue.Core.Tests.Ingest;

public sealed class MboxReaderTests
{
    static List<string> Split(string mbox, out string format)
    {
        var reader = new MboxReader(new MemoryStream(Encoding.UTF8.GetBytes(mbox)), "test.mbox");
        var mails = reader.Read().Select(m => Encoding.UTF8.GetString(m.Bytes)).ToList();
        format = reader.Format;
        return mails;
    }

    [Fact]
    public void MboxrdEscapesLoseOneQuoteMarkPerLine()
    {
        var mails = Split("""
            From a@example.org Mon Jan  5 10:00:00 2026
            Subject: one

            >From here
            >>From there
            >>>From everywhere
            > From quoted, not escaped

            """, out var format);

        Assert.Equal("mboxrd", format);
        var body = Assert.Single(mails);
        Assert.Contains("\nFrom here\n>From there\n>>From everywhere\n> From quoted, not escaped\n", body);
    }

    [Fact]
    public void OnlyFromLinesWithATimeAndYearSeparateMessages()
    {
        var mails = Split("""
            From a@example.org Mon Jan  5 10:00:00 2026
            Subject: one

            From the start this was odd.
            From 12:00 onwards too.
            From b@example.org Tue Jan  6 11:30:00 2026
            Subject: two

            body
            """, out var format);

        Assert.Equal("mboxo", format);
        Assert.Equal(2, mails.Count);
        Assert.Contains("From the start this was odd.\nFrom 12:00 onwards too.\n", mails[0]);
        Assert.StartsWith("Subject: two", mails[1]);
    }

    [Fact]
    public void GitFormatPatchMagicSeparatorsSplit()
    {
        var mails = Split("""
            From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001
            Subject: [PATCH 1/2] a

            x
            From 89abcdef0123456789abcdef0123456789abcdef Mon Sep 17 00:00:00 2001
            Subject: [PATCH 2/2] b

            y
            """, out _);

        Assert.Equal(2, mails.Count);
    }

    [Fact]
    public void AFileWithoutAFromLineIsOneMessage()
    {
        var mails = Split("Subject: alone\nMessage-ID: <x@y>\n\n>From stays as written in a single mail\n", out var format);

        Assert.Equal("message", format);
        Assert.Contains(">From stays", Assert.Single(mails));
    }

    [Theory]
    [InlineData("From a@b Mon Jan  5 10:00:00 2026\n", true)]
    [InlineData("From a@b  Mon Jan  5 10:00:00 2026\r\n", true)]
    [InlineData("From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\n", true)]
    [InlineData("From the beginning, at 10:00:00 sharp\n", false)]
    [InlineData("From: a@b Mon Jan  5 10:00:00 2026\n", false)]
    [InlineData(">From a@b Mon Jan  5 10:00:00 2026\n", false)]
    [InlineData("From a@b\n", false)]
    [InlineData("From x Mon Jan  1 10:00:00 1999 x:\n", true)] // git starts looking for the colon before the last character
    [InlineData("From y Mon Jan  1 10:00:00 090\n", false)] // a year of 90: strtol gives 90
    // The year is read by strtol: white space of any kind, a sign and leading zeros are taken.
    [InlineData("From a Mon Jan  1 10:00:00 +1999\n", true)]
    [InlineData("From a Mon Jan  1 10:00:00\t1999\n", true)]
    [InlineData("From a Mon Jan  1 10:00:00\v1999\n", true)]
    [InlineData("From a Mon Jan  1 10:00:00 0000001999\n", true)]
    [InlineData("From a Mon Jan  1 10:00:00 -1999\n", false)]
    [InlineData("From a Mon Jan  1 10:00:00 \01999\n", false)]
    // git counts the '\r' of a CRLF line: its search for the colon starts at the last character, and 18 characters do.
    [InlineData("From x Mon Jan  1 10:00:00 1999 x:\r\n", false)]
    [InlineData("From a 10:00:00 1999:\r\n", false)]
    [InlineData("From 00:00:00 1991\r\n", true)]
    [InlineData("From 00:00:00 1991\n", false)]
    [InlineData("From 00:00:00 1991", false)] // the last line, without a newline
    public void FromLineDetectionFollowsGitMailsplit(string line, bool expected) =>
        Assert.Equal(expected, MboxReader.IsFromLine(Encoding.ASCII.GetBytes(line)));

    [Fact]
    public void WhiteSpaceBeforeTheFirstFromLineIsSkippedAsGitMailsplitSkipsIt()
    {
        var mails = Split("\n \t\r\n  From a@b Mon Jan  5 10:00:00 2026\nSubject: 1\n\nx\nFrom a@b Mon Jan  5 10:00:01 2026\nSubject: 2\n\ny\n", out var format);

        Assert.Equal("mboxo", format);
        Assert.Equal(["Subject: 1\n\nx\n", "Subject: 2\n\ny\n"], mails);
    }

    [Fact]
    public void AVeryLongLineIsKeptWhole()
    {
        var longLine = new string('x', 200_000);
        var mails = Split($"From a@b Mon Jan  5 10:00:00 2026\nSubject: long\n\n{longLine}\n", out _);

        Assert.Contains(longLine + "\n", Assert.Single(mails));
    }

    [Fact]
    public void MessagesAreNumberedInTheirSource()
    {
        var reader = new MboxReader(new MemoryStream(Encoding.UTF8.GetBytes(
            "From a@b Mon Jan  5 10:00:00 2026\nSubject: 1\n\nx\nFrom a@b Mon Jan  5 10:00:01 2026\nSubject: 2\n\ny\n")), "list.mbox");

        Assert.Equal(["list.mbox#1", "list.mbox#2"], reader.Read().Select(m => m.Source));
    }

    // Separators, escapes, CRLF and a last line without a newline, each straddling refills of a small buffer.
    const string Straddling =
        "\n\r\nFrom a@b Mon Jan  5 10:00:00 2026\r\nSubject: 1\r\n\r\n>From crlf\r\nbody\r\n" +
        "From a@b Mon Jan  5 10:00:01 2026\n" +
        "From a@b Mon Jan  5 10:00:02 2026\nSubject: 2\n\n>>From two\nFrom the text, not a separator\n>From x\n\n" +
        "From a@b Mon Jan  5 10:00:03 2026\nSubject: 3\n\n  \n" +
        "From a@b Mon Jan  5 10:00:04 2026\nSubject: 4\n\nlast line without newline";

    [Theory]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(64)]
    [InlineData(1000)]
    public void ABufferSmallerThanTheMessagesSplitsTheSameWay(int size)
    {
        var bytes = Encoding.UTF8.GetBytes(Straddling);
        var whole = new MboxReader(new MemoryStream(bytes), "x.mbox");
        var small = new MboxReader(new MemoryStream(bytes), "x.mbox", size);

        var expected = whole.Read().Select(m => (m.Source, Encoding.UTF8.GetString(m.Bytes))).ToList();
        var actual = small.Read().Select(m => (m.Source, Encoding.UTF8.GetString(m.Bytes))).ToList();

        Assert.Equal(expected, actual);
        Assert.Equal(whole.Format, small.Format);
        Assert.Equal(bytes.Length, small.Position);
        Assert.Equal(
            [
                "Subject: 1\r\n\r\nFrom crlf\r\nbody\r\n",
                "Subject: 2\n\n>From two\nFrom the text, not a separator\nFrom x\n\n",
                "Subject: 3\n\n  \n",
                "Subject: 4\n\nlast line without newline",
            ],
            actual.Select(m => m.Item2));
        Assert.Equal("mboxrd", small.Format);
    }
}
