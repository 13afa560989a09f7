using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using static ReviewQueue.Core.Tests.Series.ThreadBuilder;

namespace ReviewQueue.Core.Tests.Series;

/// <summary>
/// A v2 whose title only adds the driver tag the maintainer asked for ("hwmon: fix x" → "hwmon: (foo) fix x") is
/// v1's next revision; a tag changed to another, other files, no higher version or another sender is not.
/// </summary>
public sealed class DriverTagTests
{
    const int Day = 60 * 24;
    static readonly string[] Driver = ["drivers/hwmon/pmbus/demo.c"];

    [Theory]
    [InlineData("hwmon: (pmbus/demo) convert comma to semicolon", "hwmon: convert comma to semicolon")]
    [InlineData("dt-bindings: hwmon: (demo) add the vdd supply", "dt-bindings: hwmon: add the vdd supply")]
    [InlineData("hwmon: (demo, other) fix the limits", "hwmon: fix the limits")]
    [InlineData("hwmon: fix the limits (again)", null)]
    [InlineData("(demo) fix the limits", null)]
    [InlineData("hwmon: demo: fix the limits", null)]
    public void ATagIsTheParenthesesRightAfterTheSubsystemPrefixes(string title, string? without) =>
        Assert.Equal(without, DriverTag.Without(title));

    // v1 "hwmon: convert …" (unthreaded)      v2 "hwmon: (pmbus/demo) convert …" a day later ── Applied
    [Fact]
    public void AV2ThatAddsADriverTagToTheTitleIsTheNextRevision()
    {
        var t = new ThreadBuilder();
        t.Patch("v1", 1, 1, "hwmon: Convert comma to semicolon", v: 1, files: Driver);
        t.Reply("r1", "v1", from: Mia, at: 60);
        t.Patch("v2", 1, 1, "hwmon: (pmbus/demo) Convert comma to semicolon", v: 2, at: Day, files: Driver);
        t.Reply("ty", "v2", from: Mia, at: 2 * Day, applied: new AppliedNote("hwmon-next", []));
        var topic = Single(t.Build());
        Assert.Equal([1, 2], topic.Revisions.Select(r => r.Version));
        Assert.Equal(["first", "tag"], topic.Revisions.Select(r => r.LinkedBy));
        Assert.Equal("v2", topic.Revisions[0].SupersededBy);
        Assert.Equal(ReviewState.Superseded, ReviewStates.Of(topic.Revisions[0], Policy));
        Assert.Equal(ReviewState.Accepted, ReviewStates.Of(topic.Current, Policy));
    }

    // v1: p1 p2 (no cover), v2: c2 ─ q1 q2, the first patch's title gains the tag; the cover's is new.
    [Fact]
    public void ASeriesWhoseFirstPatchGainsTheTagIsTheNextRevision()
    {
        var t = new ThreadBuilder();
        t.Patch("p1", 1, 2, "hwmon: add the demo limits", files: Driver);
        t.Patch("p2", 2, 2, "hwmon: document the demo limits", at: 1, replyTo: "p1", files: ["Documentation/hwmon/demo.rst"]);
        t.Cover("c2", 2, "Demo limits", v: 2, at: Day);
        t.Patch("q1", 1, 2, "hwmon: (demo) add the demo limits", v: 2, at: Day, replyTo: "c2", files: Driver);
        t.Patch("q2", 2, 2, "hwmon: (demo) document the demo limits", v: 2, at: Day, replyTo: "c2", files: ["Documentation/hwmon/demo.rst"]);
        var topic = Single(t.Build());
        Assert.Equal(["first", "tag"], topic.Revisions.Select(r => r.LinkedBy));
    }

    // One maintainer's "(alpha) various improvements" v2..v3 and later "(beta) various improvements": two drivers'
    // work, though both series touch drivers/hwmon/Kconfig and the later one is a v4.
    [Fact]
    public void TwoDriversSeriesOfOneTitleWithTheirOwnTagsAreTwoTopics()
    {
        var t = new ThreadBuilder();
        string[] alpha = ["drivers/hwmon/Kconfig", "drivers/hwmon/alpha.c"], beta = ["drivers/hwmon/Kconfig", "drivers/hwmon/beta.c"];
        foreach (var v in new[] { 2, 3 })
        {
            t.Cover($"a{v}", 1, "hwmon: (alpha) Various improvements", v: v, at: v * Day, from: Mia);
            t.Patch($"a{v}p1", 1, 1, "hwmon: (alpha) Use regmap", v: v, at: v * Day, from: Mia, replyTo: $"a{v}", files: alpha);
        }
        t.Cover("b4", 1, "hwmon: (beta) Various improvements", v: 4, at: 9 * Day, from: Mia);
        t.Patch("b4p1", 1, 1, "hwmon: (beta) Use regmap", v: 4, at: 9 * Day, from: Mia, replyTo: "b4", files: beta);
        var topics = t.Build();
        Assert.Equal(2, topics.Count);
        Assert.Equal([2, 3], topics[0].Revisions.Select(r => r.Version));
    }

    // v1 "hwmon: (foo) fix the limits" and v2 "hwmon: (bar) fix the limits": a tag changed to another is no re-roll.
    [Fact]
    public void ATagChangedToAnotherIsAnotherTopic()
    {
        var t = new ThreadBuilder();
        t.Patch("v1", 1, 1, "hwmon: (foo) fix the limits", files: Driver);
        t.Patch("v2", 1, 1, "hwmon: (bar) fix the limits", v: 2, at: Day, files: Driver);
        Assert.Equal(2, t.Build().Count);
    }

    // The same untagged clean-up sent for one set of drivers, then a v2 tagged for a driver it did not touch.
    [Fact]
    public void AddingATagWhileTouchingOtherFilesIsAnotherTopic()
    {
        var t = new ThreadBuilder();
        t.Patch("v1", 1, 1, "hwmon: drop explicit initialization to 0", files: ["drivers/hwmon/one.c", "drivers/hwmon/two.c"]);
        t.Patch("v2", 1, 1, "hwmon: (three) drop explicit initialization to 0", v: 2, at: Day, files: ["drivers/hwmon/three.c"]);
        Assert.Equal(2, t.Build().Count);
    }

    // No higher version written: the same clean-up for another driver later on, not a re-roll.
    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    public void AddingATagWithoutAHigherVersionIsAnotherTopic(int? version)
    {
        var t = new ThreadBuilder();
        t.Patch("v1", 1, 1, "hwmon: drop explicit initialization to 0", files: ["drivers/hwmon/one.c", "drivers/hwmon/Kconfig"]);
        t.Patch("w1", 1, 1, "hwmon: (three) drop explicit initialization to 0", v: version, at: 30 * Day,
            files: ["drivers/hwmon/three.c", "drivers/hwmon/Kconfig"]);
        Assert.Equal(2, t.Build().Count);
    }

    // v1 for one driver, then a v2 without the tag for the whole subsystem: a maintainer may have asked for that
    // ("fix them all at once") or not; nothing in the hwmon half-year shows it, so no link is guessed.
    [Fact]
    public void ATagDroppedInAV2IsNotLinked()
    {
        var t = new ThreadBuilder();
        t.Patch("v1", 1, 1, "hwmon: (one) drop explicit initialization to 0", files: ["drivers/hwmon/one.c"]);
        t.Patch("v2", 1, 1, "hwmon: drop explicit initialization to 0", v: 2, at: Day, files: ["drivers/hwmon/one.c", "drivers/hwmon/two.c"]);
        Assert.Equal(2, t.Build().Count);
    }

    // A tagged v2 for one driver, then weeks later an untagged v1 of the same title for the subsystem, sharing Kconfig:
    // a version never re-rolls work posted after it.
    [Fact]
    public void ATaggedV2PostedBeforeTheUntaggedTitleIsNotItsNextRevision()
    {
        var t = new ThreadBuilder();
        t.Patch("v2", 1, 1, "hwmon: (one) add the vdd supply", v: 2, files: ["drivers/hwmon/one.c", "drivers/hwmon/Kconfig"]);
        t.Patch("v1", 1, 1, "hwmon: add the vdd supply", v: 1, at: 30 * Day, files: ["drivers/hwmon/two.c", "drivers/hwmon/Kconfig"]);
        Assert.Equal(2, t.Build().Count);
    }

    [Fact]
    public void AnotherSenderAddingTheTagIsAnotherTopic()
    {
        var t = new ThreadBuilder();
        t.Patch("v1", 1, 1, "hwmon: Convert comma to semicolon", files: Driver);
        t.Patch("v2", 1, 1, "hwmon: (pmbus/demo) Convert comma to semicolon", v: 2, at: Day, from: Rob, files: Driver);
        Assert.Equal(2, t.Build().Count);
    }
}
