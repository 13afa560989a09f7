using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Series;

/// <summary>
/// A rebuild reads the ledger's facts a chunk at a time and writes topic rows as it builds them, so a large
/// ledger is never held whole as JSON. Across those chunk boundaries (thousands of facts, over a thousand
/// topics) every topic must come out whole, and equal whichever way its facts were read.
/// </summary>
public sealed class LargeRebuildTests
{
    const int Patches = 1_400; // three mails each: more facts than one read chunk, more topics than one row chunk

    [Fact]
    public async Task ALedgerLargerThanOneChunkRebuildsToEveryTopicWholeAndTheSameFromTheLedgerAlone()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ledger = new TestLedger();
        var mbox = ledger.Dir.File("many.mbox");
        var text = new StringBuilder();
        for (int i = 0; i < Patches; i++)
        {
            var day = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(7 * i);
            text.Append(Entry($"p{i}@example.org", null, day, $"[PATCH] demo: change {i}",
                $"Change number {i}.\n\nSigned-off-by: Ada Author <ada@example.org>\n---\n f{i}.c | 1 +\n\n" +
                $"diff --git a/f{i}.c b/f{i}.c\nindex 1111111..2222222 100644\n--- a/f{i}.c\n+++ b/f{i}.c\n@@ -1 +1,2 @@\n int a;\n+int b{i};\n"));
            text.Append(Entry($"q{i}@example.org", $"p{i}@example.org", day.AddMinutes(1), $"Re: [PATCH] demo: change {i}",
                "Why this way?\n", from: "Quinn Questioner <quinn@example.org>"));
            text.Append(Entry($"r{i}@example.org", $"p{i}@example.org", day.AddMinutes(2), $"Re: [PATCH] demo: change {i}",
                $"Reviewed-by: Rita Reviewer <rita@example.org>\n", from: "Rita Reviewer <rita@example.org>"));
        }
        File.WriteAllText(mbox, text.ToString());

        var summary = await ledger.ImportAsync(mbox);
        var topics = ledger.Services.GetRequiredService<TopicStore>();
        var imported = await topics.AllDataAsync(ct);
        // From the ledger alone: every fact read back from its JSON, in chunks, through the sharing reader.
        await ledger.Services.GetRequiredService<SeriesProjection>().RebuildAsync(ct);
        var rebuilt = await topics.AllDataAsync(ct);

        Assert.Equal(3 * Patches, summary.New);
        Assert.Equal(Patches, imported.Count);
        Assert.Equal(imported, rebuilt);
        await using var c = await ledger.Ledger.ConnectAsync(ct);
        Assert.Equal(Patches, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM topics WHERE state = 'reviewed' AND patches = 1 AND reviewed = 1"));
        Assert.Equal(3 * Patches, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM topic_messages"));
        // Each topic holds its own patch and its own two replies, none of another's.
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("""
            SELECT count(*) FROM topic_messages m JOIN topic_messages p ON p.topic_id = m.topic_id AND p.message_id LIKE 'p%'
            WHERE substr(m.message_id, 2) <> substr(p.message_id, 2)
            """));
    }

    static string Entry(string id, string? parent, DateTimeOffset date, string subject, string body, string from = "Ada Author <ada@example.org>") =>
        "From x@example.org Mon Jan  5 10:00:00 2026\n" +
        $"From: {from}\nTo: devel@lists.example.org\nSubject: {subject}\nDate: {date:R}\nMessage-ID: <{id}>\n" +
        (parent is null ? "" : $"In-Reply-To: <{parent}>\nReferences: <{parent}>\n") +
        "\n" + body + "\n";
}
