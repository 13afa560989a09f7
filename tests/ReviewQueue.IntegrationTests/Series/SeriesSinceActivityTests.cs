using System.Text.Json;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Series;

/// <summary>
/// `series --since DAY` keeps the topics with activity on or after that day, and a maintainer's "Applied" note and the
/// author's withdrawal are activity, as for the stale flag (ReviewStates.LastActivity): "what was taken or dropped this
/// week" lists them. It counted posts, trailers and discussion only, which neither note is.
/// </summary>
public sealed class SeriesSinceActivityTests : IDisposable
{
    readonly TempDir dir = new("rq-since");

    const string Diff = "---\n demo.c | 2 +-\n\ndiff --git a/demo.c b/demo.c\nindex 1111111..2222222 100644\n--- a/demo.c\n+++ b/demo.c\n" +
        "@@ -1,2 +1,2 @@\n int a;\n-int NAME;\n+int NAME2;\n--\n2.47.0\n";

    static string Mail(string id, string from, string subject, string date, string body, string? replyTo = null) =>
        $"From {id} Mon Sep 17 00:00:00 2001\nFrom: {from}\nSubject: {subject}\nDate: {date}\nMessage-ID: <{id}>\n" +
        (replyTo is null ? "" : $"In-Reply-To: <{replyTo}>\nReferences: <{replyTo}>\n") + "\n" + body + "\n";

    [Fact]
    public void AnAppliedNoteOrAWithdrawalIsActivityForSince()
    {
        const string Ada = "Ada Author <ada@example.org>";
        var mbox = string.Concat(
            Mail("b@example.org", Ada, "[PATCH] demo: rename b", "Mon, 05 Jan 2026 10:00:00 +0000", "b.\n\n" + Diff.Replace("NAME", "b")),
            Mail("ty@example.org", "Kim Keeper <kim@example.org>", "Re: [PATCH] demo: rename b", "Tue, 20 Jan 2026 10:00:00 +0000",
                "Applied to demo-next, thanks.\n", "b@example.org"),
            Mail("c@example.org", Ada, "[PATCH] demo: rename c", "Mon, 05 Jan 2026 11:00:00 +0000", "c.\n\n" + Diff.Replace("NAME", "c")),
            Mail("drop@example.org", Ada, "Re: [PATCH] demo: rename c", "Tue, 20 Jan 2026 11:00:00 +0000",
                "Please drop this patch, v2 will do it otherwise.\n", "c@example.org"),
            Mail("d@example.org", Ada, "[PATCH] demo: rename d", "Mon, 05 Jan 2026 12:00:00 +0000", "d.\n\n" + Diff.Replace("NAME", "d")));
        File.WriteAllText(dir.File("list.mbox"), mbox);
        var db = dir.File("ledger.db");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", dir.File("list.mbox")]).ExitCode);

        var r = ReviewQueueProgram.Run(["--db", db, "series", "--since", "2026-01-20", "--json"]);

        Assert.True(r.ExitCode == 0, r.Stderr);
        var topics = JsonDocument.Parse(r.Stdout).RootElement.EnumerateArray()
            .Select(t => (t.GetProperty("title").GetString(), t.GetProperty("state").GetString(), t.GetProperty("last_activity").GetString()))
            .OrderBy(t => t.Item1).ToList();
        Assert.Equal([("demo: rename b", "accepted", "2026-01-20T10:00:00+00:00"), ("demo: rename c", "withdrawn", "2026-01-20T11:00:00+00:00")], topics);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
