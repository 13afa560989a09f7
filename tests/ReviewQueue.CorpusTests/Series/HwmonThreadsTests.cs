using System.Text.Json;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Series;

/// <summary>
/// The ten multi-revision hwmon series of threads/SERIES.json: all their mboxes together must
/// make one topic each, with the listed revisions in order.
/// </summary>
public sealed class HwmonThreadsTests(ITestOutputHelper output)
{
    sealed record Entry(string Series, int Version, string File);

    static IReadOnlyList<Entry> Entries(string dir)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "SERIES.json")));
        return doc.RootElement.EnumerateArray()
            .Select(e => new Entry(e.GetProperty("series").GetString()!, e.GetProperty("version").GetInt32(), e.GetProperty("file").GetString()!))
            .ToList();
    }

    [Fact]
    public void EachListedSeriesIsOneTopicWithItsRevisionsInOrder()
    {
        var dir = Corpus.Require("lists", "linux-hwmon", "threads");
        var parent = Path.GetDirectoryName(dir)!;
        var failures = new List<string>();
        foreach (var group in Entries(dir).GroupBy(e => e.Series))
        {
            var mails = group.SelectMany(e => CorpusMail.Series(Path.Combine(parent, e.File))).ToList();
            var topics = CorpusMail.Build(mails);
            var expected = group.Select(e => e.Version).OrderBy(v => v).ToList();
            // The series' own topic: the one holding the first listed revision's cover or first patch.
            var main = topics.OrderByDescending(t => t.Revisions.Count).First();
            // A partial re-roll (v2.1) is a revision of its own in the topic, but not one SERIES.json lists.
            var got = main.Revisions.Where(r => r.VersionMinor is null).Select(r => r.Version).ToList();
            output.WriteLine($"{group.Key}: expected v{string.Join(",v", expected)}; got {topics.Count} topic(s), main {string.Join(",", main.Revisions.Select(r => r.VersionLabel))} [{string.Join(",", main.Revisions.Select(r => r.LinkedBy))}]");
            foreach (var other in topics.Where(t => t != main))
                output.WriteLine($"    also: {other.Title} ({string.Join(",", other.Revisions.Select(r => r.VersionLabel))})");
            // Other people's patches posted inside the thread are topics of their own; the series must be one.
            if (!got.SequenceEqual(expected))
                failures.Add(group.Key);
        }
        Assert.True(failures.Count == 0, "not one topic with the listed revisions: " + string.Join(", ", failures));
    }
}
