using System.Text.Json;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Series;

/// <summary>
/// `show`, `am` and `check` take the Message-ID of any mail in a topic, as `b4 am` takes any mail of its thread: also
/// the author's answer to a review, the maintainer's "Applied" note (the link b4 ty's thanks gives) and a bot's report,
/// none of which is review or discussion. They said "no topic holds" those.
/// </summary>
public sealed class ShowAnyMailTests : IDisposable
{
    readonly TempDir dir = new("rq-anymail");

    [Theory]
    [InlineData("carol-1@contrib.example.org", "hwmon: (tmp42) Input checks and an alarm")] // the author answers a review
    [InlineData("gus-ty-1@hwmon.example.org", "hwmon: (tmp42) Input checks and an alarm")] // "Applied" on the cover letter
    [InlineData("202601080344.demo-lkp@intel.com", "net: dummy: Check the id on close")] // the kernel test robot
    [InlineData("rita-1@review.example.org", "hwmon: (tmp42) Input checks and an alarm")] // a review, as before
    public void ShowFindsTheTopicOfAnyMailInItsThread(string messageId, string title)
    {
        var db = dir.File("ledger.db");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", RepoPaths.Of("samples", "demo.mbox")]).ExitCode);

        var r = ReviewQueueProgram.Run(["--db", db, "show", messageId, "--json"]);

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(title, JsonDocument.Parse(r.Stdout).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public void ATopicIdIsFoundWrittenInCapitals()
    {
        // A topic id is hex: typed or pasted in capitals (from a spreadsheet, a mail that shouted it), it is the same id.
        var db = dir.File("ledger.db");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", RepoPaths.Of("samples", "demo.mbox")]).ExitCode);
        var id = JsonDocument.Parse(ReviewQueueProgram.Run(["--db", db, "show", "rita-1@review.example.org", "--json"]).Stdout)
            .RootElement.GetProperty("id").GetString()!;

        var r = ReviewQueueProgram.Run(["--db", db, "show", id.ToUpperInvariant(), "--json"]);

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(id, JsonDocument.Parse(r.Stdout).RootElement.GetProperty("id").GetString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
