using ReviewQueue.Core.Mail;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Mail;

public sealed class KindTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryHwmonMessageGetsAKindAndNoneIsDropped()
    {
        var mails = CorpusMail.Read("lists", "linux-hwmon", "hwmon-2024H2.mbox").ToList();
        var counts = new SortedDictionary<string, int>();
        var problems = new SortedDictionary<string, int>();
        var unread = new List<string>();
        foreach (var mail in mails)
        {
            var read = MailReader.Read(mail.Bytes, null);
            if (read.Mail is not { } m)
            {
                unread.Add($"{mail.Source}: {string.Join("; ", read.Problems)}");
                continue;
            }
            counts[m.Kind.Name()] = counts.GetValueOrDefault(m.Kind.Name()) + 1;
            foreach (var p in m.Problems)
                problems[p.Code] = problems.GetValueOrDefault(p.Code) + 1;
        }
        output.WriteLine($"hwmon-2024H2.mbox: {mails.Count} messages: " + string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
        output.WriteLine("problems: " + string.Join(", ", problems.Select(c => $"{c.Key} {c.Value}")));
        unread.ForEach(output.WriteLine);
        Assert.Equal(2992, mails.Count);
        Assert.Empty(unread);
        Assert.Equal(mails.Count, counts.Values.Sum());
        // The corpus README counts about 934 patch mails, 139 cover letters and 1,684 replies.
        Assert.InRange(counts["patch"], 900, 970);
        Assert.InRange(counts["cover"], 125, 155);
        Assert.InRange(counts["reply"], 1650, 1800);
    }

    [Fact]
    public void PatchworkFixturesGetTheKindsCheckedByHand()
    {
        var expected = File.ReadAllLines(RepoPaths.Of("tests", "ReviewQueue.CorpusTests", "Mail", "Expected", "patchwork-kinds.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(": ", 2))
            .ToDictionary(p => p[0], p => p[1]);
        var actual = new Dictionary<string, string>();
        foreach (var folder in new[] { "series", "mail" })
        {
            foreach (var file in Directory.GetFiles(Corpus.Require("patchwork", folder), "*.mbox"))
            {
                var kinds = CorpusMail.FromPath(file).Select(m => MailReader.Read(m.Bytes, null).Mail?.Kind.Name() ?? "unread")
                    .GroupBy(k => k).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}");
                actual[Path.GetFileName(file)] = string.Join(" ", kinds);
            }
        }
        foreach (var (file, kinds) in expected)
            Assert.True(actual.TryGetValue(file, out var got) && got == kinds, $"{file}: expected {kinds}, got {got ?? "(missing)"}");
        Assert.Equal(expected.Count, actual.Count);
    }
}
