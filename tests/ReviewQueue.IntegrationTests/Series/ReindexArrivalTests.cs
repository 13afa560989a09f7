using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Series;

/// <summary>
/// A mail without a readable Date is dated by its arrival. `reindex` (which `run` does by itself after an upgrade)
/// reads it again and must date it the same way, from the arrival the ledger stored, not from 1970-01-01.
/// </summary>
public sealed class ReindexArrivalTests
{
    const string Undated = "From: Ada Author <ada@example.org>\nTo: l@example.org\nSubject: [PATCH] hwmon: (demo) fix\n" +
        "Message-ID: <undated-1@example.org>\n\nA fix.\n\nSigned-off-by: Ada Author <ada@example.org>\n---\n" +
        "diff --git a/drivers/hwmon/demo.c b/drivers/hwmon/demo.c\nindex 1111111..2222222 100644\n--- a/drivers/hwmon/demo.c\n" +
        "+++ b/drivers/hwmon/demo.c\n@@ -1,3 +1,3 @@\n int a;\n-int b;\n+int b2;\n int c;\n";

    [Fact]
    public void AnUndatedMailKeepsItsArrivalDateThroughReindex()
    {
        using var dir = new TempDir();
        var db = dir.File("l.db");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", "-"], stdin: System.Text.Encoding.UTF8.GetBytes(Undated)).ExitCode);

        var before = ReviewQueueProgram.Run(["--db", db, "series", "--json"]);
        var reindex = ReviewQueueProgram.Run(["--db", db, "reindex"]);
        var after = ReviewQueueProgram.Run(["--db", db, "series", "--json"]);

        Assert.True(reindex.ExitCode == 0, reindex.Stderr);
        Assert.DoesNotContain("1970-01-01", after.Stdout);
        Assert.Contains("\"first_posted\"", before.Stdout);
        Assert.DoesNotContain("1970-01-01", before.Stdout);
        Assert.Equal(before.Stdout, after.Stdout);
    }
}
