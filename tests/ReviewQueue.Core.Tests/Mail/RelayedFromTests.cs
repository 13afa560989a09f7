using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Series;
using ReviewQueue.TestSupport;

namespace ReviewQueue.Core.Tests.Mail;

/// <summary>
/// Mail sent through the B4 Relay: From is "Name via B4 Relay &lt;devnull+…@kernel.org&gt;", the person is in
/// X-Original-From. Each fixture is read both ways in: whole (MailReader) and as the import reads it (envelope first).
/// </summary>
public class RelayedFromTests
{
    static IEnumerable<PatchMail> ReadBothWays(string fixture)
    {
        var raw = File.ReadAllBytes(RepoPaths.Of("tests", "ReviewQueue.Core.Tests", "Mail", "Fixtures", fixture));
        yield return Assert.IsType<PatchMail>(MailReader.Read(raw, null).Mail);
        var envelope = Assert.IsType<MailEnvelope>(EnvelopeReader.Read(raw).Envelope);
        yield return Assert.IsType<PatchMail>(MailReader.Read(envelope, raw, null).Mail);
    }

    static bool Never(string line) => false;

    [Fact]
    public void RelayedCoverLetterIsSentAndWrittenByThePersonNotTheRelay()
    {
        foreach (var mail in ReadBothWays("relay-cover-letter.eml"))
        {
            Assert.Equal(MailKind.CoverLetter, mail.Kind);
            Assert.Equal(new Person("Ada Author", "ada@example.org"), mail.From);
            Assert.Equal(new Person("Ada Author", "ada@example.org"), mail.Author);
        }
    }

    [Fact]
    public void RelayedPatchWithoutAnInBodyFromIsCreditedToThePerson()
    {
        foreach (var mail in ReadBothWays("relay-patch-no-inbody-from.eml"))
        {
            Assert.Equal(MailKind.Patch, mail.Kind);
            Assert.Equal(new Person("Ada Author", "ada@example.org"), mail.Author);
            var series = SeriesMailFactory.From(mail, Never)!;
            Assert.Equal(("Ada Author", "ada@example.org"), (series.AuthorName, series.AuthorEmail));
        }
    }

    [Fact]
    public void ReviewSentThroughTheRelayIsGivenByItsSender()
    {
        foreach (var mail in ReadBothWays("relay-reply-with-trailers.eml"))
        {
            var series = SeriesMailFactory.From(mail, Never)!;
            Assert.Equal(("Rita Réviewer", "rita@example.org"), (series.FromName, series.FromEmail));
            var review = Assert.Single(series.FollowupTrailers);
            Assert.True(Identity.Matches(review, series.FromName, series.FromEmail));
        }
    }

    [Fact]
    public void OrdinaryFromIsKeptEvenWithAnXOriginalFrom()
    {
        // Only the B4 Relay's own From is a relay's: a stray X-Original-From does not rename a sender.
        var raw = """
            From: Ada Author <ada@example.org>
            Subject: Re: [PATCH] hwmon: fix
            Message-Id: <x@example.org>
            In-Reply-To: <y@example.org>
            X-Original-From: Someone Else <else@example.org>

            Fine by me.
            """u8.ToArray();
        var mail = Assert.IsType<PatchMail>(MailReader.Read(raw, null).Mail);
        Assert.Equal(new Person("Ada Author", "ada@example.org"), mail.From);
    }

    /// <summary>
    /// X-Original-From is a header anyone writes: believed only beside the relay's own address for that same person.
    /// A "via" in the name, another relay-looking address, or the relay naming someone else keep From as the sender.
    /// </summary>
    [Theory]
    [InlineData("Ada Author via anything <ada@example.org>", "Guenter Roeck <linux@roeck-us.net>")]
    [InlineData("Ada via B4 Relay <devnull+ada.example.org@kernel.org>", "Guenter Roeck <linux@roeck-us.net>")]
    [InlineData("Guenter Roeck via B4 Relay <devnull+linux.roeck-us.net@example.org>", "Guenter Roeck <linux@roeck-us.net>")]
    public void AnXOriginalFromTheRelayDidNotWriteForThatPersonIsNotBelieved(string from, string original)
    {
        var raw = System.Text.Encoding.UTF8.GetBytes($"From: {from}\nSubject: Re: [PATCH] hwmon: fix\nMessage-Id: <x@example.org>\n" +
            $"In-Reply-To: <y@example.org>\nX-Original-From: {original}\n\nReviewed-by: Guenter Roeck <linux@roeck-us.net>\n");
        var mail = Assert.IsType<PatchMail>(MailReader.Read(raw, null).Mail);
        Assert.NotEqual("linux@roeck-us.net", mail.From.Email);
    }
}
