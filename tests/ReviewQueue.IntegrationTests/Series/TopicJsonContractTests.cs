using System.Text.Json;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Series;

/// <summary>
/// The JSON contract of `series --json` and `show --json`, which scripts rely on: a topic has id, title, author, first_posted,
/// revisions[]; a revision version, cover_message_id, posted, complete, state, superseded_by, accepted {how, commit},
/// patches[]; a patch message_id, index, total, title, author, date, patch_id, files, state, trailers[]; a trailer name,
/// person, email, given_in, applies_via, identity_ok. Each with its type, null only where it may be, in every state: the
/// demo mail (superseded, accepted, objected, discussed, unreviewed) and a thread written here (reviewed, withdrawn, and
/// trailers carried, from an earlier revision, and under another sender's name).
/// </summary>
public sealed class TopicJsonContractTests : IDisposable
{
    readonly TempDir dir = new("rq-contract");

    static readonly string[] States = ["unreviewed", "discussed", "partly-reviewed", "reviewed", "objected", "accepted", "superseded", "withdrawn"];

    const string Diff = """
        ---
         demo.c | 2 +-
         1 file changed, 1 insertion(+), 1 deletion(-)

        diff --git a/demo.c b/demo.c
        index 1111111..2222222 100644
        --- a/demo.c
        +++ b/demo.c
        @@ -1,3 +1,3 @@
         int a;
        -int b;
        +int b2;
         int c;
        --
        2.47.0

        """;

    static string Mail(string id, string from, string subject, string date, string body, string? replyTo = null) =>
        $"From {id} Mon Sep 17 00:00:00 2001\n" +
        $"From: {from}\nSubject: {subject}\nDate: {date}\nMessage-ID: <{id}>\n" +
        (replyTo is null ? "" : $"In-Reply-To: <{replyTo}>\nReferences: <{replyTo}>\n") +
        "\n" + body.Replace("\r\n", "\n") + "\n";

    /// <summary>
    /// v1 ─┬─ Rob: Reviewed-by (his own)          v2 (Acked-by: Kim in its message, carried; Rob's review from v1)
    ///     └─ Mia: Reviewed-by in Rob's name        other ─ Ada: "Please drop this patch" (withdrawn)
    /// </summary>
    string Thread()
    {
        const string Ada = "Ada Author <ada@example.org>";
        var mbox = string.Concat(
            Mail("v1@example.org", Ada, "[PATCH] demo: rename b", "Mon, 05 Jan 2026 10:00:00 +0000",
                "b is b2 now.\n\nSigned-off-by: Ada Author <ada@example.org>\n" + Diff),
            Mail("rob@example.org", "Rob Reviewer <rob@example.org>", "Re: [PATCH] demo: rename b", "Mon, 05 Jan 2026 12:00:00 +0000",
                "Looks right.\n\nReviewed-by: Rob Reviewer <rob@example.org>\n", "v1@example.org"),
            Mail("mia@example.org", "Mia Maintainer <mia@example.org>", "Re: [PATCH] demo: rename b", "Mon, 05 Jan 2026 13:00:00 +0000",
                "Reviewed-by: Someone Else <else@example.net>\n", "v1@example.org"),
            Mail("v2@example.org", Ada, "[PATCH v2] demo: rename b", "Tue, 06 Jan 2026 10:00:00 +0000",
                "b is b2 now.\n\nAcked-by: Kim Keeper <kim@example.org>\nSigned-off-by: Ada Author <ada@example.org>\n" + Diff),
            Mail("other@example.org", Ada, "[PATCH] demo: rename c", "Wed, 07 Jan 2026 10:00:00 +0000",
                "c is c2 now.\n\nSigned-off-by: Ada Author <ada@example.org>\n" + Diff.Replace("int b", "int c")),
            Mail("drop@example.org", Ada, "Re: [PATCH] demo: rename c", "Wed, 07 Jan 2026 11:00:00 +0000",
                "Please drop this patch, it is wrong.\n", "other@example.org"));
        var path = Path.Combine(dir.Path, "thread.mbox");
        File.WriteAllText(path, mbox);
        return path;
    }

    RunResult Rq(params string[] args)
    {
        var r = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), .. args], workDir: dir.Path);
        Assert.True(r.ExitCode == 0, $"reviewqueue {string.Join(' ', args)} exited {r.ExitCode}: {r.Stderr}");
        return r;
    }

    [Fact]
    public void EveryTopicRevisionPatchAndTrailerHasEveryFieldWithItsTypeInEveryState()
    {
        Rq("import", RepoPaths.Of("samples", "demo.mbox"), Thread());
        var series = JsonDocument.Parse(Rq("series", "--json").Stdout).RootElement;
        var problems = new List<string>();
        var seen = new HashSet<string>();
        foreach (var listed in series.EnumerateArray())
        {
            var id = listed.GetProperty("id").GetString()!;
            var shown = JsonDocument.Parse(Rq("show", id, "--json").Stdout).RootElement;
            foreach (var (how, topic) in new[] { ("series", listed), ("show", shown) })
                Check(topic, $"{how} {id}", problems, seen);
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        // The contract was checked where each state and each way a trailer applies occurs.
        foreach (var state in States.Except(["partly-reviewed"]))
            Assert.Contains($"revision:{state}", seen);
        foreach (var via in new[] { "patch", "cover", "carried", "earlier-revision" })
            Assert.Contains($"via:{via}", seen);
        Assert.Contains("identity_ok:False", seen);
        Assert.Contains("accepted:commit", seen);
    }

    static void Check(JsonElement topic, string where, List<string> problems, HashSet<string> seen)
    {
        void Need(JsonElement e, string key, string at, params JsonValueKind[] kinds)
        {
            if (!e.TryGetProperty(key, out var v))
                problems.Add($"{at}: no {key}");
            else if (!kinds.Contains(v.ValueKind) || (v.ValueKind == JsonValueKind.String && v.GetString()!.Length == 0))
                problems.Add($"{at}: {key} is {v.ValueKind} {v}");
        }
        const JsonValueKind Str = JsonValueKind.String, Num = JsonValueKind.Number, Null = JsonValueKind.Null, Arr = JsonValueKind.Array,
            Obj = JsonValueKind.Object, True = JsonValueKind.True, False = JsonValueKind.False;
        void Person(JsonElement e, string key, string at)
        {
            Need(e, key, at, Obj);
            if (e.TryGetProperty(key, out var p) && p.ValueKind == Obj)
            {
                Need(p, "name", $"{at} {key}", Str, Null);
                Need(p, "email", $"{at} {key}", Str);
            }
        }
        void Date(JsonElement e, string key, string at)
        {
            Need(e, key, at, Str);
            if (e.TryGetProperty(key, out var d) && d.ValueKind == Str && !DateTimeOffset.TryParse(d.GetString(), out _))
                problems.Add($"{at}: {key} {d} is no date");
        }
        void State(JsonElement e, string at)
        {
            Need(e, "state", at, Str);
            if (e.TryGetProperty("state", out var s) && !States.Contains(s.GetString()))
                problems.Add($"{at}: state {s}");
        }
        // Accepted: {how, commit} when the state says so, else null.
        void Accepted(JsonElement e, string at)
        {
            Need(e, "accepted", at, Obj, Null);
            if (!e.TryGetProperty("accepted", out var a) || !e.TryGetProperty("state", out var s))
                return;
            if ((a.ValueKind == Obj) != (s.GetString() == "accepted"))
                problems.Add($"{at}: state {s} with accepted {a}");
            if (a.ValueKind == Obj)
            {
                Need(a, "how", $"{at} accepted", Str);
                Need(a, "commit", $"{at} accepted", Str, Null);
                if (a.GetProperty("commit").ValueKind == Str)
                    seen.Add("accepted:commit");
            }
        }

        Need(topic, "id", where, Str);
        Need(topic, "title", where, Str);
        Person(topic, "author", where);
        Date(topic, "first_posted", where);
        Need(topic, "revisions", where, Arr);
        var revisions = topic.GetProperty("revisions").EnumerateArray().ToList();
        if (revisions.Count == 0)
            problems.Add($"{where}: no revision");
        foreach (var (revision, i) in revisions.Select((r, i) => (r, i)))
        {
            var at = $"{where} revision {i}";
            Need(revision, "version", at, Num);
            Need(revision, "cover_message_id", at, Str, Null);
            Date(revision, "posted", at);
            Need(revision, "complete", at, True, False);
            State(revision, at);
            Need(revision, "superseded_by", at, Str, Null);
            // Only the newest revision is superseded by none.
            if ((revision.GetProperty("superseded_by").ValueKind == Null) != (i == revisions.Count - 1))
                problems.Add($"{at}: superseded_by {revision.GetProperty("superseded_by")}");
            Accepted(revision, at);
            Need(revision, "patches", at, Arr);
            seen.Add($"revision:{revision.GetProperty("state").GetString()}");
            foreach (var patch in revision.GetProperty("patches").EnumerateArray())
            {
                var pat = $"{at} patch {patch.GetProperty("message_id")}";
                Need(patch, "message_id", pat, Str);
                Need(patch, "index", pat, Num);
                Need(patch, "total", pat, Num);
                Need(patch, "title", pat, Str);
                Person(patch, "author", pat);
                Date(patch, "date", pat);
                Need(patch, "patch_id", pat, Str, Null);
                Need(patch, "files", pat, Arr);
                if (patch.GetProperty("files").EnumerateArray().Any(f => f.ValueKind != Str))
                    problems.Add($"{pat}: files {patch.GetProperty("files")}");
                State(patch, pat);
                Accepted(patch, pat);
                Need(patch, "trailers", pat, Arr);
                foreach (var trailer in patch.GetProperty("trailers").EnumerateArray())
                {
                    var tat = $"{pat} trailer {trailer.GetProperty("name")}";
                    Need(trailer, "name", tat, Str);
                    Need(trailer, "person", tat, Str);
                    Need(trailer, "email", tat, Str, Null);
                    Need(trailer, "given_in", tat, Str);
                    Need(trailer, "applies_via", tat, Str);
                    Need(trailer, "identity_ok", tat, True, False);
                    var via = trailer.GetProperty("applies_via").GetString();
                    if (via is not ("patch" or "cover" or "carried" or "earlier-revision"))
                        problems.Add($"{tat}: applies_via {via}");
                    seen.Add($"via:{via}");
                    seen.Add($"identity_ok:{trailer.GetProperty("identity_ok").GetBoolean()}");
                }
            }
        }
    }

    public void Dispose() => dir.Dispose();
}
