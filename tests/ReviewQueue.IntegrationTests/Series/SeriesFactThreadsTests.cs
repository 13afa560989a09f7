using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Series;
using ReviewQueue.Series;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Series;

/// <summary>
/// A grouped rebuild's first pass reads only a fact's ids and posting flags from its JSON. It must give the threads,
/// and the "has a posting" of each, that reading the whole mail gives.
/// </summary>
public sealed class SeriesFactThreadsTests
{
    static readonly Trailer Acked = new("Acked-by", "Rita <rita@example.org>", "Rita", "rita@example.org");

    static void AssertReadsAsTheWholeMail(IReadOnlyList<SeriesMail> mails)
    {
        var whole = new ThreadJoin();
        var light = new ThreadJoin();
        foreach (var m in mails)
        {
            whole.Add(m);
            SeriesFactThreads.AddTo(light, System.Text.Encoding.UTF8.GetBytes(SeriesFacts.Serialize(m)));
        }
        var (a, b) = (whole.Finish(), light.Finish());
        Assert.Equal(a.ThreadOf, b.ThreadOf);
        Assert.Equal(a.Mails, b.Mails);
        Assert.Equal(a.HasPosting, b.HasPosting);
        Assert.Equal(whole.Messages, light.Messages);
    }

    [Fact]
    public void EveryKindOfMailGivesTheSameThreadsAndPostingsAsTheWholeMail()
    {
        var mails = new List<SeriesMail>();
        int n = 0;
        foreach (var kind in Enum.GetValues<SeriesMailKind>())
            foreach (bool reply in new[] { false, true })
                foreach (bool diff in new[] { false, true })
                    foreach (bool answers in new[] { false, true })
                        foreach (bool trailers in new[] { false, true })
                        {
                            n++;
                            // Each mail alone in its thread (and one named twice), so every posting flag shows on its own.
                            mails.Add(new SeriesMail
                            {
                                MessageId = $"m{n}@x", InReplyTo = answers ? $"p{n}@x \"odd\"" : null,
                                References = n % 3 == 0 ? [] : [$"r{n}@x", $"p{n}@x \"odd\"", "Jörg-€@x"],
                                FromName = "Ada", FromEmail = "ada@example.org", Date = DateTimeOffset.UnixEpoch.AddHours(n), Kind = kind,
                                Title = "t", SubjectIsReply = reply, HasDiff = diff, Files = ["a.c"],
                                FollowupTrailers = trailers ? [Acked, Acked with { Name = "Reviewed-by" }] : [],
                                CommitTrailers = [Acked], Applied = n % 4 == 0 ? new AppliedNote("t", [new AppliedItem(1, 2, "x", "abc")]) : null,
                            });
                        }
        AssertReadsAsTheWholeMail(mails);
    }

    [Fact]
    public void EveryHwmonMailGivesTheSameThreadsAndPostingsAsTheWholeMail()
    {
        var path = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.mbox");
        using var stream = File.OpenRead(path);
        var mails = new List<SeriesMail>();
        foreach (var raw in new MboxReader(stream, path).Read())
            if (MailReader.Read(raw.Bytes, null).Mail is { } m && SeriesMailFactory.From(m, _ => false) is { } sm)
                mails.Add(sm);
        Assert.True(mails.Count > 2900, $"{mails.Count} mails");
        AssertReadsAsTheWholeMail(mails);
    }
}
