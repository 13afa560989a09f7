using System.Text.RegularExpressions;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Series;

/// <summary>
/// Two different mails with one Message-ID: the first stored is kept, the second counted a duplicate and not stored.
/// The stored raw message is the truth, so what an import derives must be what `reindex` derives from the stored mail
/// alone: the duplicate's facts (its kind, its parent, its trailers) must not reach the ledger.
/// <code>
/// root@   [PATCH] net: other           Dev Two, 09:00
/// same@   [PATCH] hwmon: add y         Dev One, 10:00   (stored: it came first)
/// same@   Re: [PATCH] net: other       Rev Two, 09:30, In-Reply-To root@, Reviewed-by   (a duplicate: not stored)
/// </code>
/// </summary>
public sealed class DuplicateMessageIdReindexTests
{
    static string Mail(string id, string subject, string from, string date, string body, string? inReplyTo = null) =>
        $"From x@example.org Sat Nov 28 06:00:00 2026\nFrom: {from}\nTo: list@example.org\nSubject: {subject}\nDate: {date}\nMessage-ID: <{id}>\n" +
        (inReplyTo is null ? "" : $"In-Reply-To: <{inReplyTo}>\nReferences: <{inReplyTo}>\n") + "\n" + body + "\n";

    static string Patch(string title, string author, string file, int n) =>
        $"{title}\n\nSigned-off-by: {author}\n---\n {file} | 1 +\n 1 file changed, 1 insertion(+)\n\n" +
        $"diff --git a/{file} b/{file}\nindex 1111111..2222222 100644\n--- a/{file}\n+++ b/{file}\n@@ -1,1 +1,2 @@\n int x;\n+int y{n};\n";

    static readonly string Root = Mail("root@example.org", "[PATCH] net: other", "Dev Two <dev2@example.org>",
        "Mon, 02 Nov 2026 09:00:00 +0000", Patch("other", "Dev Two <dev2@example.org>", "net/b.c", 1));
    static readonly string Stored = Mail("same@example.org", "[PATCH] hwmon: add y", "Dev One <dev1@example.org>",
        "Mon, 02 Nov 2026 10:00:00 +0000", Patch("add y", "Dev One <dev1@example.org>", "drivers/hwmon/a.c", 2));
    static readonly string Duplicate = Mail("same@example.org", "Re: [PATCH] net: other", "Rev Two <rev2@example.org>",
        "Mon, 02 Nov 2026 09:30:00 +0000", "> other\n\nReviewed-by: Rev Two <rev2@example.org>\n", inReplyTo: "root@example.org");

    [Theory]
    [InlineData("one batch")]
    [InlineData("one import, a batch each")]
    [InlineData("two imports")]
    public void AnImportDerivesWhatReindexDerivesFromTheStoredMailAlone(string how)
    {
        using var dir = new TempDir();
        var db = dir.File("l.db");
        var env = new Dictionary<string, string> { ["Import__BatchSize"] = how == "one import, a batch each" ? "1" : "500" };
        if (how == "two imports")
        {
            File.WriteAllText(dir.File("a.mbox"), Root + Stored);
            File.WriteAllText(dir.File("b.mbox"), Duplicate);
            Imported(db, dir.File("a.mbox"), env);
            Imported(db, dir.File("b.mbox"), env);
        }
        else
        {
            File.WriteAllText(dir.File("all.mbox"), Root + Stored + Duplicate);
            Imported(db, dir.File("all.mbox"), env);
        }

        var fresh = State(db);
        var reindex = ReviewQueueProgram.Run(["--db", db, "reindex"]);
        Assert.True(reindex.ExitCode == 0, reindex.Stderr);
        var reindexed = State(db);

        Assert.Equal(reindexed, fresh);
        // And that state is the stored mail's: the patch is there, the other one has no review.
        Assert.Contains("\"title\": \"hwmon: add y\"", fresh[0]);
        Assert.DoesNotContain("Rev Two", fresh[0]);
    }

    static void Imported(string db, string mbox, IDictionary<string, string> env)
    {
        var import = ReviewQueueProgram.Run(["--db", db, "import", mbox], env: env);
        Assert.True(import.ExitCode == 0, import.Stderr);
    }

    /// <summary>series, show of both Message-IDs and the backlog as JSON, the backlog without the moment it was asked.</summary>
    static List<string> State(string db) =>
    [
        ReviewQueueProgram.Run(["--db", db, "series", "--json"]).Stdout,
        ReviewQueueProgram.Run(["--db", db, "show", "same@example.org", "--json"]).Stdout,
        ReviewQueueProgram.Run(["--db", db, "show", "root@example.org", "--json"]).Stdout,
        Regex.Replace(ReviewQueueProgram.Run(["--db", db, "backlog", "--json"]).Stdout, "\"as_of\": \"[^\"]*\"", "\"as_of\": …"),
    ];
}
