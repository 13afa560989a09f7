using System.Text.RegularExpressions;
using ReviewQueue.Core.Series;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Series;

/// <summary>
/// Real NAKs of hwmon 2024H2 ("NAK, this is not …", "Nack, don't …", "nack! :-)"), found by a
/// plain pattern of their own, must object to the patch they answer, whatever revision it is.
/// </summary>
public sealed partial class HwmonObjectionsTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryNakLineObjectsToThePatchItAnswers()
    {
        var path = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.mbox");
        var read = CorpusMail.Read(path).Where(m => m.MessageId is not null).ToList();
        var parentOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var m in read)
            parentOf.TryAdd(m.MessageId!, m.InReplyTo ?? m.References.LastOrDefault());
        var topics = CorpusMail.Build(read.Select(m => SeriesMailFactory.From(m, CorpusMail.Policy.IsObjectionLine)).OfType<SeriesMail>());
        var patchesOf = new Dictionary<string, List<SeriesPatch>>(StringComparer.Ordinal);
        foreach (var r in topics.SelectMany(t => t.Revisions))
        {
            foreach (var p in r.Patches)
                patchesOf[p.MessageId] = [p];
            if (r.CoverMessageId is { } cover)
                patchesOf[cover] = [.. r.Patches];
        }

        int found = 0, answered = 0;
        var failures = new List<string>();
        foreach (var m in read.Where(m => m.Subject.IsReply && m.Body.Split('\n').Any(l => NakLine().IsMatch(l))))
        {
            found++;
            var up = parentOf.GetValueOrDefault(m.MessageId!);
            while (up is not null && !patchesOf.ContainsKey(up))
                up = parentOf.GetValueOrDefault(up);
            if (up is null)
            {
                output.WriteLine($"{m.MessageId}: the mail it answers is not in the corpus");
                continue;
            }
            answered++;
            foreach (var p in patchesOf[up])
            {
                output.WriteLine($"{m.MessageId} -> {p.MessageId}: objected {p.ObjectedAt:u}");
                if (p.ObjectedAt is null || p.ObjectedAt > m.Date)
                    failures.Add($"{m.MessageId} -> {p.MessageId}");
            }
        }
        output.WriteLine($"{found} NAK replies, {answered} answer a patch in the corpus");
        Assert.True(answered >= 3, $"only {answered} NAK replies answer a patch in the corpus");
        Assert.True(failures.Count == 0, "not objected: " + string.Join(", ", failures));
    }

    // An unquoted line that starts with the word and goes on with punctuation, space or nothing.
    [GeneratedRegex(@"^(?:NAK|NACK)(?:[,.!:;]|\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex NakLine();
}
