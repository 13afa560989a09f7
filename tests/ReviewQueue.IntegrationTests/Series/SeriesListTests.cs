using System.Text.Json;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Series;

/// <summary>
/// `series` as maintainers read it: piped into less, grep or awk, one topic per line, whole, in plain columns; a stable backport says so,
/// and `--no-backports` leaves backports out as the backlog does.
/// </summary>
public sealed class SeriesListTests : IDisposable
{
    readonly TempDir dir = new("rq-series-list");
    string Db => dir.File("ledger.db");

    const string LongTitle = "hwmon: (demo) Fix the underflow seen when writing a negative limit to the temperature attributes";

    static string Patch(string id, string from, string subject, string date) => $"""
        From: {from}
        To: linux-hwmon@vger.kernel.org
        Subject: {subject}
        Date: {date}
        Message-ID: <{id}>

        A change.

        Signed-off-by: {from}
        ---
         drivers/hwmon/demo.c | 2 +-
         1 file changed, 1 insertion(+), 1 deletion(-)

        diff --git a/drivers/hwmon/demo.c b/drivers/hwmon/demo.c
        index 1111111..2222222 100644
        --- a/drivers/hwmon/demo.c
        +++ b/drivers/hwmon/demo.c
        @@ -1,3 +1,3 @@
         int a;
        -int b;
        +int b2;
         int c;

        """.Replace("\r\n", "\n");

    RunResult Rq(params string[] args)
    {
        var r = ReviewQueueProgram.Run(["--db", Db, .. args]);
        Assert.True(r.ExitCode == 0, $"reviewqueue {string.Join(' ', args)} exited {r.ExitCode}: {r.Stderr}");
        return r;
    }

    void ImportBoth()
    {
        File.WriteAllText(dir.File("mainline.eml"), Patch("fix-1@example.org", "Ada Author <ada@example.org>",
            $"[PATCH] {LongTitle}", "Tue, 1 Oct 2024 10:00:00 +0000"));
        File.WriteAllText(dir.File("backport.eml"), Patch("autosel-1@example.org", "Sam Stable <sam@example.org>",
            "[PATCH AUTOSEL 6.1 3/9] hwmon: (demo) Add the id of a new board", "Wed, 2 Oct 2024 10:00:00 +0000"));
        Rq("import", dir.File("mainline.eml"), dir.File("backport.eml"));
    }

    [Fact]
    public void PipedEachTopicIsOneWholeLineAndABackportSaysWhichTree()
    {
        ImportBoth();

        var lines = Rq("series").Stdout.Split('\n');

        var mainline = Assert.Single(lines, l => l.Contains("Ada Author"));
        Assert.Contains(LongTitle, mainline); // not wrapped at 80 columns
        Assert.DoesNotContain("backport", mainline);
        var backport = Assert.Single(lines, l => l.Contains("Sam Stable"));
        Assert.Contains("hwmon: (demo) Add the id of a new board (backport to 6.1)", backport);
        Assert.Matches(@"^[0-9a-f]{12}  +unreviewed  +v1 ", backport); // plain columns for grep and awk, no boxes
        Assert.Matches(@"^id  +state  +ver  +reviewed  +first posted  +author  +title$", lines[0]);
    }

    [Fact]
    public void NoBackportsLeavesThemOutOfTheTableAndTheJson()
    {
        ImportBoth();

        var text = Rq("series", "--no-backports").Stdout;
        var json = JsonDocument.Parse(Rq("series", "--no-backports", "--json").Stdout).RootElement;
        var all = JsonDocument.Parse(Rq("series", "--json").Stdout).RootElement;

        Assert.Contains("Ada Author", text);
        Assert.DoesNotContain("Sam Stable", text);
        Assert.Equal([LongTitle], json.EnumerateArray().Select(t => t.GetProperty("title").GetString()));
        Assert.Equal(2, all.GetArrayLength());
        Assert.Contains(all.EnumerateArray(), t => t.GetProperty("revisions")[0].GetProperty("stable_tree").GetString() == "6.1");
    }

    public void Dispose() => dir.Dispose();
}
