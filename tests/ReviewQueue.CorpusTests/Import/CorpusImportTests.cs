using System.Text.Json;
using Dapper;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Import;

/// <summary>Real list mail and other projects' odd test mails go through the real import path.</summary>
public sealed class CorpusImportTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EveryMessageOfTheHwmonHalfYearIsStoredOnceAndNoneIsLost()
    {
        var mbox = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.mbox");
        using var ledger = new TestLedger();

        var summary = await ledger.ImportAsync(mbox);
        var again = await ledger.ImportAsync(mbox);

        output.WriteLine($"read {summary.Read}, new {summary.New}, rejected {summary.Rejected} in {summary.ElapsedSeconds:0.00} s ({summary.PerSecond:0}/s)");
        Assert.Equal("mboxrd", summary.Sources[0].Format);
        Assert.Equal((2992, 2992, 0, 0), (summary.Read, summary.New, summary.Duplicate, summary.Rejected));
        Assert.Equal((0, 2992), (again.New, again.Duplicate));
        using var c = ledger.Ledger.Connect();
        Assert.Equal(2992, c.ExecuteScalar<long>("SELECT count(DISTINCT message_id) FROM messages"));
        Assert.Equal(0, c.ExecuteScalar<long>("SELECT count(*) FROM messages WHERE synthetic = 1"));
        // Every Message-ID the index lists is stored (the index is heuristic, but its ids are the file's).
        var index = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.index.jsonl");
        var stored = c.Query<string>("SELECT message_id FROM messages").ToHashSet();
        Assert.Equal(2992, File.ReadLines(index).Count());
        var missing = File.ReadLines(index)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(r => Core.Ingest.EnvelopeReader.NormalizeMessageId(r.GetProperty("message_id").GetString())!)
            .Where(id => !stored.Contains(id))
            .ToList();
        Assert.Empty(missing);
    }

    public static TheoryData<string> OddMailFolders => new() { "patchwork/fuzz", "patchwork/mail", "public-inbox" };

    [Theory]
    [MemberData(nameof(OddMailFolders))]
    public async Task EveryOddMailIsStoredOrRejectedWithAReasonAndNothingCrashes(string folder)
    {
        var root = Corpus.Require(folder.Split('/'));
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => folder != "public-inbox" || f.EndsWith(".eml", StringComparison.Ordinal) || f.EndsWith(".mbox", StringComparison.Ordinal))
            .Where(f => !Path.GetFileName(f).StartsWith("COPYING", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(files);
        using var ledger = new TestLedger();

        int read = 0, stored = 0, rejected = 0;
        foreach (var file in files)
        {
            var s = await ledger.ImportAsync(file);
            Assert.True(s.Read >= 1, $"{file}: no message read");
            Assert.Equal(s.Read, s.New + s.Duplicate + s.Rejected);
            read += s.Read;
            stored += s.New + s.Duplicate;
            rejected += s.Rejected;
        }

        output.WriteLine($"{folder}: {files.Count} files, {read} messages: {stored} stored, {rejected} rejected");
        var rows = await ledger.Messages.RejectedAsync(TestContext.Current.CancellationToken);
        foreach (var row in rows)
        {
            var reasons = JsonDocument.Parse(row.Reasons).RootElement;
            Assert.True(reasons.GetArrayLength() > 0, $"{row.Source} rejected without a reason");
            output.WriteLine($"  rejected {Path.GetFileName(row.Source)}: {reasons[0].GetProperty("code").GetString()}");
        }
    }
}
