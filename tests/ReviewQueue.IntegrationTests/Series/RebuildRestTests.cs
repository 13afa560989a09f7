using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Series;

/// <summary>
/// The service's rebuilds rest after each (SeriesProjection.RestFactor times as long as it took), so under steady mail
/// rebuilding every topic is a bounded share of a core whatever the ledger's size; a command's own rebuild (an import)
/// is never held back by it.
/// </summary>
public sealed class RebuildRestTests
{
    [Fact]
    public async Task ARebuildRestsTheServiceButNotACommandAndTheRestEnds()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ledger = new TestLedger();
        var projection = ledger.Services.GetRequiredService<SeriesProjection>();
        var topics = ledger.Services.GetRequiredService<TopicStore>();
        Assert.False(projection.Resting); // nothing rebuilt in this process yet

        await ledger.ImportAsync(RepoPaths.Of("samples", "demo.mbox"));
        Assert.True(projection.Resting, "right after a rebuild, the service's next one waits");
        int before = (await topics.AllDataAsync(ct)).Count;

        // An import is a command: it assembles its mail at once, resting or not.
        var mbox = ledger.Dir.File("more.mbox");
        File.WriteAllText(mbox, "From x@example.org Mon Jan  5 10:00:00 2026\nFrom: Ada Author <ada@example.org>\n" +
            "Subject: [PATCH] rest: one more\nDate: Mon, 5 Jan 2026 10:00:00 +0000\nMessage-ID: <rest1@example.org>\n\n" +
            "One more.\n\nSigned-off-by: Ada Author <ada@example.org>\n---\n x.c | 1 +\n\ndiff --git a/x.c b/x.c\n" +
            "index 1111111..2222222 100644\n--- a/x.c\n+++ b/x.c\n@@ -1 +1,2 @@\n int a;\n+int b;\n\n");
        await ledger.ImportAsync(mbox);
        Assert.Equal(before + 1, (await topics.AllDataAsync(ct)).Count);

        // The rest is a few times a rebuild of this little ledger: it is over long before a minute.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (projection.Resting && waited.Elapsed < TimeSpan.FromMinutes(1))
            await Task.Delay(10, ct);
        Assert.False(projection.Resting);
    }
}
