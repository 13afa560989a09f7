using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Series;

/// <summary>
/// An import hands the facts it stored to the rebuild as read (FreshFacts); the topics must be those a
/// rebuild from the ledger alone gives, also when one Message-ID comes twice with other parents.
/// </summary>
public sealed class FreshFactsTests
{
    [Fact]
    public async Task TopicsAfterAnImportEqualARebuildFromTheLedgerAloneWithDuplicatesThatDiffer()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ledger = new TestLedger(batchSize: 2);
        var mbox = ledger.Dir.File("twice.mbox");
        File.WriteAllText(mbox, string.Concat(
            Entry("p1@example.org", null, "Mon, 5 Jan 2026 10:00:00 +0000", "[PATCH] demo: one", Patch("a.c")),
            Entry("p2@example.org", null, "Mon, 5 Jan 2026 11:00:00 +0000", "[PATCH] demo: two", Patch("b.c")),
            // The same Message-ID twice: first a reply to p1 with a review, then (dated earlier) a reply to p2
            // without one. Only the first is stored, and only its facts are the ledger's (as `reindex` reads them).
            Entry("r1@example.org", "p1@example.org", "Tue, 6 Jan 2026 09:00:00 +0000", "Re: [PATCH] demo: one",
                "Looks right.\n\nReviewed-by: Rita Reviewer <rita@example.org>\n", from: "Rita Reviewer <rita@example.org>"),
            Entry("r1@example.org", "p2@example.org", "Mon, 5 Jan 2026 12:00:00 +0000", "Re: [PATCH] demo: two",
                "A question first.\n", from: "Rita Reviewer <rita@example.org>"),
            Entry("r2@example.org", "p2@example.org", "Wed, 7 Jan 2026 09:00:00 +0000", "Re: [PATCH] demo: two",
                "Acked-by: Otto Other <otto@example.org>\n", from: "Otto Other <otto@example.org>")));
        var demo = RepoPaths.Of("samples", "demo.mbox");

        var summary = await ledger.ImportAsync(demo, mbox);
        var topics = ledger.Services.GetRequiredService<TopicStore>();
        var imported = await topics.AllDataAsync(ct);

        await ledger.Services.GetRequiredService<SeriesProjection>().RebuildAsync(ct);

        Assert.Equal(1, summary.Duplicate);
        // The stored copy of r1 is the one assembled: "one" has its review, the copy dated first is not there.
        Assert.Contains("rita@example.org", Assert.Single(imported, t => t.Contains("\"demo: one\"")));
        Assert.Contains("otto@example.org", Assert.Single(imported, t => t.Contains("\"demo: two\"")));
        Assert.Equal(await topics.AllDataAsync(ct), imported);
        // And a second import of the same files (all duplicates, nothing fresh) changes nothing either.
        await ledger.ImportAsync(mbox);
        Assert.Equal(imported, await topics.AllDataAsync(ct));
    }

    static string Patch(string file) =>
        $"A change to {file}.\n\nSigned-off-by: Ada Author <ada@example.org>\n---\n {file} | 1 +\n 1 file changed, 1 insertion(+)\n\n" +
        $"diff --git a/{file} b/{file}\nindex 1111111..2222222 100644\n--- a/{file}\n+++ b/{file}\n@@ -1 +1,2 @@\n int a;\n+int b;\n";

    static string Entry(string id, string? parent, string date, string subject, string body, string from = "Ada Author <ada@example.org>") =>
        "From x@example.org Mon Jan  5 10:00:00 2026\n" +
        $"From: {from}\nTo: devel@lists.example.org\nSubject: {subject}\nDate: {date}\nMessage-ID: <{id}>\n" +
        (parent is null ? "" : $"In-Reply-To: <{parent}>\nReferences: <{parent}>\n") +
        "\n" + body + "\n";
}
