using System.Text;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;

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

    [Fact]
    public void TheParsedMessageBodyCanBeReadAfterReading()
    {
        var r = Read("""
            From: a@example.org
            Subject: [PATCH] x
            Message-ID: <body@x>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain

            The commit message.
            --b
            Content-Type: text/x-patch; name="0001.patch"
            Content-Transfer-Encoding: base64

            ZGlmZiAtLWdpdCBhL3ggYi94Cg==
            --b--
            """);

        var message = r.Envelope!.Message;
        Assert.Contains("The commit message.", message.TextBody);
        var patch = message.BodyParts.OfType<MimeKit.MimePart>().Single(p => p.ContentType.MimeType == "text/x-patch");
        using var decoded = new MemoryStream();
        patch.Content!.DecodeTo(decoded, TestContext.Current.CancellationToken);
        Assert.Equal("diff --git a/x b/x\n", System.Text.Encoding.ASCII.GetString(decoded.ToArray()));
    }

    [Fact]
    public void APlainMailKeepsOnlyTheHeadersTheMailReaderReads()
    {
        var r = Read("""
            Received: from relay.example.org by mx.example.org; Mon, 5 Jan 2026 10:00:01 +0100
            From: Ada Author <ada@example.org>
            To: Bob <bob@example.org>, devel@lists.example.org
            Subject: Re: [PATCH] hwmon: fix it
            Date: Mon, 5 Jan 2026 10:00:00 +0100
            Message-ID: <20260105.2@example.org>
            In-Reply-To: <20260105.1@example.org>
            References: <20260105.0@example.org>
             <20260105.1@example.org>
            Content-Type: text/plain; charset=utf-8

            Reviewed-by: Ada Author <ada@example.org>
            """);

        var message = r.Envelope!.Message;
        Assert.Equal(["From", "Subject", "Date", "Message-ID", "In-Reply-To", "References"], message.Headers.Select(h => h.Field));
        Assert.Equal("20260105.1@example.org", message.InReplyTo);
        Assert.Equal(["20260105.0@example.org", "20260105.1@example.org"], message.References);
        Assert.Equal("ada@example.org", message.From.Mailboxes.Single().Address);
    }

    [Theory]
    [InlineData("Content-Type: text/html; charset=utf-8")]
    [InlineData("Content-Type:\n text/html")]
    [InlineData("Content-Type: multipart/alternative; boundary=\"b\"")]
    [InlineData("Content-Type: multipart/alternative;\n boundary=\"b\"")]
    public void AnHtmlOnlyMailIsStillFoundOnTheImportPath(string contentType)
    {
        var body = contentType.Contains("multipart")
            ? "--b\nContent-Type: text/html\n\n<p>Reviewed-by: Ada &lt;ada@example.org&gt;</p>\n--b--\n"
            : "<p>Reviewed-by: Ada &lt;ada@example.org&gt;</p>\n";
        var raw = Encoding.UTF8.GetBytes(
            "From: a@example.org\nSubject: Re: x\nDate: Mon, 5 Jan 2026 10:00:00 +0000\nMessage-ID: <h@example.org>\n"
            + "MIME-Version: 1.0\n" + contentType + "\n\n" + body);

        var envelope = EnvelopeReader.Read(raw).Envelope!;
        var mail = MailReader.Read(envelope, raw, null).Mail!;

        Assert.Contains(mail.Problems, p => p.Code == MailProblems.HtmlOnly);
    }
}
