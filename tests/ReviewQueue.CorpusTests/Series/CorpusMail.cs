using ReviewQueue.Configuration;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using ReviewQueue.Review;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Series;

/// <summary>Reads corpus mboxes the way import does: split, envelope, mail reader, series facts.</summary>
static class CorpusMail
{
    public static readonly ReviewPolicy Policy =
        ReviewSeeds.Load(new ReviewOptions { Seeds = RepoPaths.Of("seeds") }).Policy
        ?? throw new InvalidOperationException("the shipped seeds/ do not load");

    public static readonly SeriesRules Rules = new(Policy.IsBot, Policy.Meaning);

    public static readonly ReviewRules Review = new(Policy.Meaning, Policy.TestedByCountsAsReview, false, Policy.StaleAfter);

    public static IEnumerable<PatchMail> Read(string path)
    {
        using var stream = File.OpenRead(path);
        foreach (var raw in new MboxReader(stream, path).Read())
        {
            var envelope = EnvelopeReader.Read(raw.Bytes).Envelope;
            if (envelope is null)
                continue;
            if (MailReader.Read(envelope.Message, raw.Bytes, null).Mail is { } mail)
                yield return mail;
        }
    }

    public static IEnumerable<SeriesMail> Series(string path) =>
        Read(path).Select(m => SeriesMailFactory.From(m, Policy.IsObjectionLine)).OfType<SeriesMail>();

    public static IReadOnlyList<Topic> Build(IEnumerable<SeriesMail> mails)
    {
        var assembler = new SeriesAssembler(Rules);
        foreach (var m in mails)
            assembler.Add(m);
        return assembler.Build();
    }
}
