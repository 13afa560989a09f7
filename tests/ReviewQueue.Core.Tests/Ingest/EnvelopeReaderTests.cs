using System.Text;
using ReviewQueue.Core.Ingest;

namespace ReviewQueue.Core.Tests.Ingest;

public sealed class EnvelopeReaderTests
{
    static EnvelopeResult Read(string s) => EnvelopeReader.Read(Encoding.UTF8.GetBytes(s.ReplaceLineEndings("\n")));

    [Fact]
    public void TheMessageIdWithoutAngleBracketsIsTheIdentity()
    {
        var r = Read("""
            From: Ada Author <ada@example.org>
            Subject: [PATCH] hwmon: fix it
            Date: Mon, 5 Jan 2026 10:00:00 +0100
            Message-ID: <20260105.1@example.org>
            List-Id: Demo list <devel.lists.example.org>

            body
            """);

        var e = r.Envelope!;
        Assert.Equal("20260105.1@example.org", e.MessageId);
        Assert.False(e.SyntheticId);
        Assert.Equal("[PATCH] hwmon: fix it", e.Subject);
        Assert.Equal(("Ada Author", "ada@example.org"), (e.FromName, e.FromEmail));
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.FromHours(1)), e.Date);
        Assert.Equal("devel.lists.example.org", e.ListId);
        Assert.Empty(r.Problems);
    }

    [Fact]
    public void AMailWithoutMessageIdGetsTheSameSyntheticIdEveryTime()
    {
        const string mail = "From: a@example.org\nSubject: no id\nDate: Mon, 5 Jan 2026 10:00:00 +0000\n\nbody\n";

        var first = Read(mail);
        var second = Read(mail);
        var other = Read(mail.Replace("body", "another body"));

        Assert.True(first.Envelope!.SyntheticId);
        Assert.Equal(first.Envelope.MessageId, second.Envelope!.MessageId);
        Assert.NotEqual(first.Envelope.MessageId, other.Envelope!.MessageId);
        Assert.EndsWith("@" + EnvelopeReader.SyntheticDomain, first.Envelope.MessageId);
        Assert.Contains(first.Problems, p => p.Code == MailProblem.MissingMessageId);
    }

    [Fact]
    public void AnUnreadableDateIsAProblemNotARejection()
    {
        var r = Read("From: a@example.org\nSubject: s\nDate: the day after tomorrow\nMessage-ID: <d@x>\n\nb\n");

        Assert.False(r.Rejected);
        Assert.Null(r.Envelope!.Date);
        Assert.Contains(r.Problems, p => p.Code == MailProblem.BadDate);
    }

    [Theory]
    [InlineData("", MailProblem.Empty)]
    [InlineData("\n\n  \n", MailProblem.Empty)]
    [InlineData("X-Only: a header nobody reads\n\nbody\n", MailProblem.NoUsableHeaders)]
    public void MailWithNothingToGoOnIsRejectedWithAReason(string mail, string code)
    {
        var r = Read(mail);

        Assert.True(r.Rejected);
        Assert.Equal(code, Assert.Single(r.Problems).Code);
    }

    [Theory]
    [InlineData("<a@b>", "a@b")]
    [InlineData("  <a@b>  ", "a@b")]
    [InlineData("a@b", "a@b")]
    [InlineData("<a@b", "a@b")]
    [InlineData("<>", null)]
    [InlineData("   ", null)]
    public void MessageIdsAreNormalizedTheWayLoreWritesThem(string value, string? expected) =>
        Assert.Equal(expected, EnvelopeReader.NormalizeMessageId(value));
}
