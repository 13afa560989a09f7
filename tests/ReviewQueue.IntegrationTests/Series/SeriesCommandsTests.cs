using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Series;

/// <summary>
/// A real series made by git format-patch, a real review reply, the real binary: series, show and
/// am; what am writes applies with git am and carries the review into the commit.
/// </summary>
public sealed partial class SeriesCommandsTests : IDisposable
{
    readonly TempDir dir = new("rq-series");
    string Db => dir.File("ledger.db");

    (string Repo, string Base, List<string> Ids) MakeSeries(string firstTrailers = "", string subjectPrefix = "PATCH")
    {
        var repo = Path.Combine(dir.Path, "repo");
        Directory.CreateDirectory(repo);
        Run.Git(repo, "init", "-q", "-b", "master");
        File.WriteAllText(Path.Combine(repo, "demo.c"), "int a;\nint b;\nint c;\n");
        Run.Git(repo, "add", ".");
        Run.Git(repo, "commit", "-q", "-m", "demo: start");
        var baseCommit = Run.Git(repo, "rev-parse", "HEAD").Stdout.Trim();
        File.WriteAllText(Path.Combine(repo, "demo.c"), "int a;\nint b2;\nint c;\n");
        Run.Git(repo, "commit", "-q", "-a", "-m", "demo: rename b\n\nb is b2 now.\n\n" + firstTrailers + "Signed-off-by: Ada Author <ada@example.org>");
        File.WriteAllText(Path.Combine(repo, "demo.c"), "int a;\nint b2;\nint c2;\n");
        Run.Git(repo, "commit", "-q", "-a", "-m", "demo: rename c\n\nc is c2 now.\n\nSigned-off-by: Ada Author <ada@example.org>");
        var mbox = Run.Git(repo, "format-patch", "-q", "--stdout", "--pretty=mboxrd", "--cover-letter", "--thread=shallow",
            "-v2", $"--subject-prefix={subjectPrefix}", "-2").Stdout;
        mbox = mbox.Replace("*** SUBJECT HERE ***", "demo: rename two variables");
        File.WriteAllText(Path.Combine(dir.Path, "series.mbox"), mbox);
        var ids = MessageIdLine().Matches(mbox).Select(m => m.Groups[1].Value).ToList();
        return (repo, baseCommit, ids);
    }

    static string Reply(string id, string parent, string from, string body) => $"""
        From: {from}
        Subject: Re: [PATCH v2 1/2] demo: rename b
        Date: Tue, 06 Jan 2026 10:00:00 +0000
        Message-ID: <{id}>
        In-Reply-To: <{parent}>
        References: <{parent}>

        {body}
        """.Replace("\r\n", "\n");

    RunResult Rq(params string[] args)
    {
        var r = ReviewQueueProgram.Run(["--db", Db, .. args]);
        Assert.True(r.ExitCode == 0, $"reviewqueue {string.Join(' ', args)} exited {r.ExitCode}: {r.Stderr}");
        return r;
    }

    [Fact]
    public void AmWritesTheNewestRevisionWithCollectedTrailersAndGitAmAppliesIt()
    {
        var (repo, baseCommit, ids) = MakeSeries();
        Assert.Equal(3, ids.Count); // cover, 1/2, 2/2
        File.WriteAllText(dir.File("review.eml"), Reply("r1@example.org", ids[1], "Rob Reviewer <rob@example.org>",
            "> b is b2 now.\n\nLooks right.\n\nReviewed-by: Rob Reviewer <rob@example.org>\n"));
        File.WriteAllText(dir.File("ack.eml"), Reply("r2@example.org", ids[0], "Mia Maintainer <mia@example.org>",
            "For the series:\nAcked-by: Mia Maintainer <mia@example.org>\n"));
        Rq("import", dir.File("series.mbox"), dir.File("review.eml"), dir.File("ack.eml"));

        var show = JsonDocument.Parse(Rq("show", ids[1], "--json").Stdout).RootElement;
        var revision = show.GetProperty("revisions")[0];
        Assert.Equal(2, revision.GetProperty("version").GetInt32());
        Assert.Equal("reviewed", revision.GetProperty("state").GetString());
        var first = revision.GetProperty("patches")[0].GetProperty("trailers").EnumerateArray()
            .Select(t => (t.GetProperty("name").GetString(), t.GetProperty("applies_via").GetString())).ToList();
        Assert.Contains(("Reviewed-by", "patch"), first);
        Assert.Contains(("Acked-by", "cover"), first);

        var list = Rq("series", "--json").Stdout;
        Assert.Contains("demo: rename two variables", list);

        var am = dir.File("am.mbox");
        Rq("am", show.GetProperty("id").GetString()!, "-o", am);
        var clone = Path.Combine(dir.Path, "clone");
        Run.Program("git", ["clone", "-q", repo, clone], dir.Path);
        Run.Git(clone, "checkout", "-q", baseCommit);
        Run.Git(clone, "am", "-q", am);
        var log = Run.Git(clone, "log", "--format=%B%x00", "-2").Stdout;
        var messages = log.Split('\0', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("Reviewed-by: Rob Reviewer <rob@example.org>", messages[1]);
        Assert.Contains("Acked-by: Mia Maintainer <mia@example.org>", messages[1]);
        Assert.Contains("Acked-by: Mia Maintainer <mia@example.org>", messages[0]);
        Assert.DoesNotContain("Reviewed-by", messages[0]);
        Assert.Equal("int a;\nint b2;\nint c2;\n", File.ReadAllText(Path.Combine(clone, "demo.c")));
    }

    /// <summary>"objected" says who objected and in which mail: a NAK in prose, not a trailer, is no trailer to list.</summary>
    [Fact]
    public void ShowSaysWhoObjectedAndInWhichMail()
    {
        var (_, _, ids) = MakeSeries();
        File.WriteAllText(dir.File("nak.eml"), Reply("nak1@example.org", ids[1], "Kim Keeper <kim@example.org>",
            "> b is b2 now.\n\nNAK, this is not a rename but a new variable.\n"));
        Rq("import", dir.File("series.mbox"), dir.File("nak.eml"));

        var show = JsonDocument.Parse(Rq("show", ids[1], "--json").Stdout).RootElement;
        var text = Rq("show", ids[1]).Stdout;

        var patch = show.GetProperty("revisions")[0].GetProperty("patches")[0];
        Assert.Equal("objected", patch.GetProperty("state").GetString());
        var objection = patch.GetProperty("objection");
        Assert.Equal("kim@example.org", objection.GetProperty("by").GetProperty("email").GetString());
        Assert.Equal("nak1@example.org", objection.GetProperty("message_id").GetString());
        Assert.Equal(JsonValueKind.Null, show.GetProperty("revisions")[0].GetProperty("patches")[1].GetProperty("objection").ValueKind);
        Assert.Contains("NAK by Kim Keeper <kim@example.org> 2026-01-06 in <nak1@example.org>", text);
    }

    [Fact]
    public void AmWritesOneSeparatorPerPatchAndNoTrailerTheCommitMessageAlreadyHas()
    {
        const string fixes = "Fixes: 0123456789ab (\"demo: start the demo with three variables\")";
        var (repo, baseCommit, ids) = MakeSeries(fixes + "\n");
        // The reviewer repeats the Fixes line, wrapped by the mail client, and another with doubled spaces.
        File.WriteAllText(dir.File("review.eml"), Reply("r1@example.org", ids[1], "Rob Reviewer <rob@example.org>",
            "> b is b2 now.\n\nFixes: 0123456789ab (\"demo: start the demo with three\nvariables\")\n"
            + "Reviewed-by: Rob Reviewer <rob@example.org>\n"));
        File.WriteAllText(dir.File("again.eml"), Reply("r2@example.org", ids[1], "Mia Maintainer <mia@example.org>",
            "Fixes:  0123456789ab  (\"demo: start the demo with three variables\")\n"));
        Rq("import", dir.File("series.mbox"), dir.File("review.eml"), dir.File("again.eml"));
        var id = JsonDocument.Parse(Rq("show", ids[1], "--json").Stdout).RootElement.GetProperty("id").GetString()!;

        var am = dir.File("am.mbox");
        Rq("am", id, "-o", am);
        var text = File.ReadAllText(am);
        var lines = text.Split('\n');
        Assert.Equal(2, lines.Count(l => l == "---"));
        Assert.DoesNotContain("---\n---", text);
        Assert.Single(lines, l => l.StartsWith("Fixes:", StringComparison.Ordinal));
        Assert.Contains(fixes, lines);
        Assert.Single(lines, l => l == "Reviewed-by: Rob Reviewer <rob@example.org>");
        // Like git format-patch: each message ends with its last line and one blank line, never more.
        Assert.DoesNotContain("\n\n\nFrom git@z", text);
        Assert.EndsWith("\n\n", text);
        Assert.False(text.EndsWith("\n\n\n", StringComparison.Ordinal), "the mbox ends with more than one blank line");

        var clone = Path.Combine(dir.Path, "clone");
        Run.Program("git", ["clone", "-q", repo, clone], dir.Path);
        Run.Git(clone, "checkout", "-q", baseCommit);
        Run.Git(clone, "am", "-q", am);
        var first = Run.Git(clone, "log", "--format=%B", "-1", "HEAD~1").Stdout.TrimEnd();
        Assert.Equal($"demo: rename b\n\nb is b2 now.\n\n{fixes}\nSigned-off-by: Ada Author <ada@example.org>\nReviewed-by: Rob Reviewer <rob@example.org>", first);
        Assert.Equal("int a;\nint b2;\nint c2;\n", File.ReadAllText(Path.Combine(clone, "demo.c")));
    }

    [Fact]
    public void AmOfAnRfcSeriesSaysRfcInEverySubjectAsB4AmDoes()
    {
        var (_, _, ids) = MakeSeries(subjectPrefix: "RFC PATCH");
        Rq("import", dir.File("series.mbox"));

        var am = dir.File("am.mbox");
        Rq("am", ids[1], "-o", am);

        var subjects = File.ReadAllLines(am).Where(l => l.StartsWith("Subject: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Subject: [PATCH RFC v2 1/2] demo: rename b", "Subject: [PATCH RFC v2 2/2] demo: rename c"], subjects);
    }

    [Fact]
    public void ReindexRebuildsTheSameTopicsFromTheRawMessages()
    {
        var (_, _, ids) = MakeSeries();
        File.WriteAllText(dir.File("review.eml"), Reply("r1@example.org", ids[1], "Rob Reviewer <rob@example.org>",
            "Reviewed-by: Rob Reviewer <rob@example.org>\n"));
        Rq("import", dir.File("series.mbox"), dir.File("review.eml"));
        var before = Rq("series", "--json").Stdout;
        Rq("reindex");
        Assert.Equal(before, Rq("series", "--json").Stdout);
        Assert.Contains("\"partly-reviewed\"", before);
    }

    [Fact]
    public void ShowOfAnUnknownIdSaysSo()
    {
        Rq("import", MakeSeriesFile());
        var r = ReviewQueueProgram.Run(["--db", Db, "show", "no-such@example.org"]);
        Assert.Equal(66, r.ExitCode);
        Assert.Contains("no topic holds", r.Stderr);
    }

    /// <summary>
    /// --since takes a day as --as-of does (YYYY-MM-DD, UTC), and any other spelling is a usage error: "01/02/2024"
    /// was read month first (January 2) without a word, which a reader of day-first dates takes for February 1.
    /// </summary>
    [Fact]
    public void SeriesSinceTakesADayAndRefusesOtherSpellings()
    {
        Rq("import", MakeSeriesFile());
        Assert.Equal(1, JsonDocument.Parse(Rq("series", "--since", "2020-01-02", "--json").Stdout).RootElement.GetArrayLength());
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, JsonDocument.Parse(Rq("series", "--since", today, "--json").Stdout).RootElement.GetArrayLength());
        Assert.Equal(0, JsonDocument.Parse(Rq("series", "--since", "2099-01-01", "--json").Stdout).RootElement.GetArrayLength());
        foreach (var wrong in new[] { "01/02/2020", "2020/01/02", "2020-01-02T10:00", "yesterday" })
        {
            var r = ReviewQueueProgram.Run(["--db", Db, "series", "--since", wrong]);
            Assert.Equal((64, $"reviewqueue: series: --since {wrong}: not a date (YYYY-MM-DD)\n", ""), (r.ExitCode, r.Stderr, r.Stdout));
        }
    }

    /// <summary>A patch an "Applied" reply accepted without naming a commit: its line ends with how, no trailing blank.</summary>
    [Fact]
    public void ShowOfAPatchAppliedWithoutACommitEndsItsLineWithoutABlank()
    {
        var (_, _, ids) = MakeSeries();
        File.WriteAllText(dir.File("applied.eml"), Reply("applied1@example.org", ids[1], "Kim Keeper <kim@example.org>",
            "> b is b2 now.\n\nApplied to demo-next.\n\nThanks,\nKim\n"));
        Rq("import", dir.File("series.mbox"), dir.File("applied.eml"));

        var text = Rq("show", ids[1]).Stdout;
        Assert.Contains($"<{ids[1]}>  applied-reply\n", text);
        Assert.DoesNotContain(" \n", text);
    }

    string MakeSeriesFile()
    {
        MakeSeries();
        return dir.File("series.mbox");
    }

    [GeneratedRegex(@"^Message-ID: <([^>]+)>", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex MessageIdLine();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
