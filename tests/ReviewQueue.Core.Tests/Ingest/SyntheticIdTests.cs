using System.Text;
using ReviewQueue.Core.Ingest;

namespace ReviewQueue.Core.Tests.Ingest;

/// <summary>
/// A mail without Message-ID is stored under an id derived from its content: the same mail must get the
/// same id whichever way it arrived (stdin or .eml, CRLF, an mbox entry), or it is stored once per way.
/// </summary>
public sealed class SyntheticIdTests
{
    const string Mail =
        "From: Ada Author <ada@example.org>\n" +
        "Subject: [PATCH] demo: a subject long enough\n" +
        " to be folded\n" +
        "Date: Mon, 5 Jan 2026 10:00:00 +0000\n" +
        "\n" +
        "First paragraph.\n" +
        "\n" +
        "Second paragraph, after a blank line.\n";

    const string Other =
        "From: Ada Author <ada@example.org>\n" +
        "Subject: [PATCH] demo: another mail\n" +
        "Date: Mon, 5 Jan 2026 10:00:01 +0000\n" +
        "\n" +
        "Another body.\n";

    const string FromLine = "From ada@example.org Mon Jan  5 10:00:00 2026\n";

    static string Id(byte[] raw)
    {
        var envelope = EnvelopeReader.Read(raw).Envelope!;
        Assert.True(envelope.SyntheticId);
        return envelope.MessageId;
    }

    static string Id(string raw) => Id(Encoding.UTF8.GetBytes(raw));

    /// <summary>The entry of an mbox that is followed by another one, as the mbox reader gives it (with the blank separator line).</summary>
    static byte[] MboxEntry(string mail, string next)
    {
        var mbox = FromLine + mail + "\n" + FromLine + next + "\n";
        var entries = new MboxReader(new MemoryStream(Encoding.UTF8.GetBytes(mbox)), "t.mbox").Read().ToList();
        Assert.Equal(2, entries.Count);
        return entries[0].Bytes;
    }

    public static TheoryData<string, string> Arrivals() => new()
    {
        { "CRLF line endings", Mail.Replace("\n", "\r\n") },
        { "no newline at the end", Mail.TrimEnd('\n') },
        { "blank lines at the end", Mail + "\n\n" },
        { "CRLF and a blank CRLF line at the end", Mail.Replace("\n", "\r\n") + "\r\n" },
        { "an mbox From line still in front", FromLine + Mail },
    };

    [Theory]
    [MemberData(nameof(Arrivals))]
    public void TheSameMailGetsTheIdItHasOnStdinHoweverItArrived(string how, string raw) =>
        Assert.True(Id(Mail) == Id(raw), how);

    [Fact]
    public void AnMboxEntryFollowedByTheSeparatorLineGetsTheIdItHasOnStdin()
    {
        var entry = MboxEntry(Mail, Other);
        Assert.EndsWith("\n\n", Encoding.UTF8.GetString(entry)); // the separator line is the entry's last line

        Assert.Equal(Id(Mail), Id(entry));
    }

    [Fact]
    public void DifferentMailsKeepDifferentIdsInEveryArrivalForm()
    {
        string[] mine = [Id(Mail), Id(Mail.Replace("\n", "\r\n")), Id(MboxEntry(Mail, Other))];
        string[] others = [Id(Other), Id(Other.Replace("\n", "\r\n")), Id(MboxEntry(Other, Mail))];

        Assert.Single(mine.Distinct());
        Assert.Single(others.Distinct());
        Assert.NotEqual(mine[0], others[0]);
    }

    [Fact]
    public void AMailInItsUsualFormKeepsTheIdEarlierVersionsGaveIt() =>
        // LF line endings and one newline at the end (an .eml file, stdin): ledgers already hold this id.
        Assert.Equal("2f1721e8c658a9860d338e178649b996@" + EnvelopeReader.SyntheticDomain, Id(Mail));

    [Theory]
    [InlineData("Second paragraph, after a blank line.\n", "Second paragraph, after a blank line, changed.\n")]
    [InlineData("First paragraph.\n\nSecond", "First paragraph.\nSecond")] // blank lines inside the body still count
    [InlineData("Date: Mon, 5 Jan 2026 10:00:00", "Date: Mon, 5 Jan 2026 10:00:59")]
    [InlineData("long enough", "longer enough")]
    public void AChangeInsideTheMailIsAnotherMail(string from, string to)
    {
        Assert.Contains(from, Mail);
        Assert.NotEqual(Id(Mail), Id(Mail.Replace(from, to)));
    }
}
