using System.Text.Json;
using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Series;
using ReviewQueue.Series;

namespace ReviewQueue.IntegrationTests.Series;

/// <summary>
/// A rebuild reads every series fact with a reader whose equal strings share one instance; what it reads
/// must be exactly what the plain reader reads, escapes, long strings and nulls included.
/// </summary>
public sealed class SharedStringsTests
{
    static SeriesMail Mail(string id, string parent, string title) => new()
    {
        MessageId = id,
        InReplyTo = parent,
        References = ["root@example.org", parent],
        FromName = "Zoë \"Z\" Reviewer",
        FromEmail = "zoe@example.org",
        Date = DateTimeOffset.Parse("2026-01-05T10:00:00+01:00"),
        Kind = SeriesMailKind.Reply,
        Title = title,
        Files = ["drivers/hwmon/a.c", "drivers/hwmon/a.c"],
        FollowupTrailers = [new Trailer("Reviewed-by", "Zoë <zoe@example.org>", "Zoë", "zoe@example.org")],
    };

    [Fact]
    public void EqualStringsOfTheFactsReadShareOneInstance()
    {
        var read = SeriesFacts.SharingReader();
        var a = read(System.Text.Encoding.UTF8.GetBytes(SeriesFacts.Serialize(Mail("a@example.org", "p@example.org", "one"))));
        var b = read(System.Text.Encoding.UTF8.GetBytes(SeriesFacts.Serialize(Mail("b@example.org", "p@example.org", "two"))));

        Assert.Same(a.InReplyTo, b.InReplyTo);
        Assert.Same(a.InReplyTo, a.References[1]);
        Assert.Same(a.References[0], b.References[0]);
        Assert.Same(a.FromName, b.FromName);
        Assert.Same(a.Files[0], a.Files[1]);
        Assert.Same(a.FromEmail, a.FollowupTrailers[0].Email);
        Assert.NotSame(a.MessageId, b.MessageId);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("quote \" backslash \\ tab \t newline \n")]
    [InlineData("non-ASCII: Zoë, 日本語, emoji 😀, and <html> & 'quotes'")]
    [InlineData("\u0001 control \u001f chars")]
    [InlineData("")]
    public void WhatTheSharingReaderReadsIsWhatThePlainReaderReads(string text)
    {
        var longer = string.Concat(Enumerable.Repeat(text + " long", 60)); // past the longest shared string
        var mail = Mail(text + "@example.org", longer, text) with { AuthorName = null, FromName = longer };
        var utf8 = System.Text.Encoding.UTF8.GetBytes(SeriesFacts.Serialize(mail));

        var shared = SeriesFacts.SharingReader()(utf8);

        Assert.Equal(SeriesFacts.Serialize(SeriesFacts.Deserialize(utf8)), SeriesFacts.Serialize(shared));
        Assert.Equal(longer, shared.InReplyTo);
        Assert.Equal(text, shared.Title);
        Assert.Null(shared.AuthorName);
    }

    [Fact]
    public void AStringWhereTheFactHasAnotherTypeIsAnErrorAsWithThePlainReader()
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(SeriesFacts.Serialize(Mail("a@example.org", "p@example.org", "one"))
            .Replace("\"title\":\"one\"", "\"title\":42"));

        Assert.Throws<JsonException>(() => SeriesFacts.Deserialize(utf8));
        Assert.Throws<JsonException>(() => SeriesFacts.SharingReader()(utf8));
    }
}
