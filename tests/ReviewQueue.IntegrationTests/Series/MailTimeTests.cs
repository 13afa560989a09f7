using System.Text.Json;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Series;

/// <summary>
/// When a mail was sent, as the ledger counts it. Real list mail carries broken clocks: a patch dated 2085 (an
/// Advantech mail on linux-hwmon that the list received on 2019-09-02), one dated 1970-01-01 (a board without a
/// clock), "Date: $(date -R)" (u-boot). Each is dated by the list server's Received header instead, which public-inbox
/// also believes before the Date.
/// </summary>
public sealed class MailTimeTests
{
    const string Received = "Received: from vger.kernel.org (vger.kernel.org [209.132.180.67])\n" +
        "\tby mail.example.org (Postfix) with ESMTP id 04CB3217D7\n\tfor <l@example.org>; Mon,  2 Sep 2019 10:06:24 +0000 (UTC)\n" +
        "Received: from sender.example.org by vger.kernel.org with ESMTP; Mon, 2 Sep 2019 06:06:20 -0400\n";

    static string Patch(string id, string? date, string headers = Received) =>
        headers + $"From: Amy {id} <amy.{id}@example.org>\nTo: l@example.org\nSubject: [PATCH] hwmon: ({id}) fix\n" +
        (date is null ? "" : $"Date: {date}\n") + $"Message-ID: <{id}@example.org>\n\nA fix.\n\n" +
        $"Signed-off-by: Amy {id} <amy.{id}@example.org>\n---\n" +
        $"diff --git a/drivers/hwmon/{id}.c b/drivers/hwmon/{id}.c\nindex 1111111..2222222 100644\n--- a/drivers/hwmon/{id}.c\n" +
        $"+++ b/drivers/hwmon/{id}.c\n@@ -1,3 +1,3 @@\n int a;\n-int b;\n+int b2;\n int c;\n";

    static Dictionary<string, string> FirstPosted(string db)
    {
        var series = ReviewQueueProgram.Run(["--db", db, "series", "--json"]);
        Assert.True(series.ExitCode == 0, series.Stderr);
        return JsonDocument.Parse(series.Stdout).RootElement.EnumerateArray().ToDictionary(
            t => t.GetProperty("revisions")[0].GetProperty("patches")[0].GetProperty("message_id").GetString()!,
            t => t.GetProperty("first_posted").GetString()!);
    }

    static string Import(TempDir dir, params string[] mails)
    {
        var db = dir.File("l.db");
        var mbox = dir.File("l.mbox");
        File.WriteAllText(mbox, string.Concat(mails.Select(m => "From mboxrd@z Thu Jan  1 00:00:00 1970\n" + m + "\n")));
        var import = ReviewQueueProgram.Run(["--db", db, "import", mbox]);
        Assert.True(import.ExitCode == 0, import.Stderr);
        return db;
    }

    [Fact]
    public void APatchDatedYearsAheadIsDatedWhenTheListReceivedIt()
    {
        using var dir = new TempDir();
        var db = Import(dir, Patch("ahead", "Mon, 18 Jun 2085 15:57:19 +0000"));

        Assert.Equal("2019-09-02T10:06:24+00:00", FirstPosted(db)["ahead@example.org"]);
        // It waits now, in the backlog, instead of from 2085 on.
        var backlog = ReviewQueueProgram.Run(["--db", db, "backlog", "--json"]);
        Assert.Equal(1, JsonDocument.Parse(backlog.Stdout).RootElement.GetProperty("total").GetProperty("open_series").GetInt32());
        // And it is no activity of every day to come.
        Assert.Contains("no topics", ReviewQueueProgram.Run(["--db", db, "series", "--since", "2020-01-01"]).Stdout);
    }

    [Fact]
    public void AMailWithoutAReadableDateIsDatedWhenTheListReceivedIt()
    {
        using var dir = new TempDir();
        var db = Import(dir, Patch("undated", null), Patch("shell", "$(date -R)"), Patch("tm-year", "Mon, 29 Sep 103 10:34:51 -0400"));

        var posted = FirstPosted(db);
        Assert.Equal("2019-09-02T10:06:24+00:00", posted["undated@example.org"]);
        Assert.Equal("2019-09-02T10:06:24+00:00", posted["shell@example.org"]);
        Assert.Equal("2019-09-02T10:06:24+00:00", posted["tm-year@example.org"]);
    }

    [Fact]
    public void APatchFromAClockAtTheEpochIsDatedWhenTheListReceivedIt()
    {
        using var dir = new TempDir();
        var db = Import(dir, Patch("epoch", "Thu, 1 Jan 1970 00:00:07 +0000"));

        Assert.Equal("2019-09-02T10:06:24+00:00", FirstPosted(db)["epoch@example.org"]);
    }

    [Fact]
    public void ADateHoursAheadOrDaysBehindTheReceivedHeaderIsBelieved()
    {
        // A sender's zone set wrong or a clock a little off; a mail a moderator let through days later.
        using var dir = new TempDir();
        var db = Import(dir, Patch("hours", "Mon, 2 Sep 2019 20:06:24 +0000"), Patch("held", "Mon, 26 Aug 2019 08:00:00 +0200"));

        var posted = FirstPosted(db);
        Assert.Equal("2019-09-02T20:06:24+00:00", posted["hours@example.org"]);
        Assert.Equal("2019-08-26T08:00:00+02:00", posted["held@example.org"]);
    }

    [Fact]
    public void ReindexDatesABrokenClockAsTheImportDid()
    {
        using var dir = new TempDir();
        var db = Import(dir, Patch("ahead", "Mon, 18 Jun 2085 15:57:19 +0000"), Patch("undated", null));
        var before = ReviewQueueProgram.Run(["--db", db, "series", "--json"]).Stdout;

        var reindex = ReviewQueueProgram.Run(["--db", db, "reindex"]);

        Assert.True(reindex.ExitCode == 0, reindex.Stderr);
        Assert.Equal(before, ReviewQueueProgram.Run(["--db", db, "series", "--json"]).Stdout);
        Assert.DoesNotContain("2085", before);
    }

    [Fact]
    public void WithoutAReceivedHeaderAMailDatedAheadIsDatedByItsImport()
    {
        // git format-patch output or a mail saved by hand: nothing says when it reached the list but the import.
        using var dir = new TempDir();
        var db = Import(dir, Patch("ahead", "Mon, 18 Jun 2085 15:57:19 +0000", headers: ""));

        var posted = DateTimeOffset.Parse(FirstPosted(db)["ahead@example.org"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(posted, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public void ShowSaysTheDayInUtcAsSeriesAndTheDashboardDo()
    {
        // Sent at 10:00 on 2 July in Kiribati (+1400), which is 20:00 on 1 July in UTC.
        using var dir = new TempDir();
        var db = Import(dir, Patch("kiribati", "Tue, 2 Jul 2024 10:00:00 +1400", headers: ""));

        var series = ReviewQueueProgram.Run(["--db", db, "series"]);
        var show = ReviewQueueProgram.Run(["--db", db, "show", "kiribati@example.org"]);

        Assert.Contains("2024-07-01", series.Stdout);
        Assert.Contains("first posted 2024-07-01,", show.Stdout);
        Assert.Contains("v1  2024-07-01  unreviewed", show.Stdout);
        Assert.DoesNotContain("2024-07-02", show.Stdout);
    }
}
