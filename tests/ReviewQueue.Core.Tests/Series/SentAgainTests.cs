using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using static ReviewQueue.Core.Tests.Series.ThreadBuilder;

namespace ReviewQueue.Core.Tests.Series;

/// <summary>
/// An author who answers a review ("the subject should be …") with the whole series again, the version left as it
/// was and the title the reviewer asked for, posted a revision; an extra patch or other work posted into the thread
/// did not.
/// </summary>
public sealed class SentAgainTests
{
    const int Day = 60 * 24;
    static readonly string[] Driver = ["Documentation/hwmon/demo.rst", "drivers/hwmon/Kconfig", "drivers/hwmon/demo.c"];
    static readonly string[] Binding = ["Documentation/devicetree/bindings/hwmon/demo.yaml"];

    // v3: a1 ─ a2, Rob's review r1 on a1;  v3 again: b1 answers r1 ─ b2, new titles, same files.
    static ThreadBuilder V3AndItsReview()
    {
        var t = new ThreadBuilder();
        t.Patch("a1", 1, 2, "hwmon: modified demo to match the new chip", v: 3, files: Driver);
        t.Patch("a2", 2, 2, "dt-bindings: modified demo to match the new chip", v: 3, replyTo: "a1", files: Binding);
        t.Reply("r1", "a1", from: Rob, at: 60);
        return t;
    }

    [Fact]
    public void TheWholeSeriesAgainUnderANewTitleAnsweringTheReviewIsTheNextRevision()
    {
        var t = V3AndItsReview();
        t.Patch("b1", 1, 2, "hwmon: (demo) Add support for the new chip", v: 3, at: 10 * Day, replyTo: "r1", files: Driver);
        t.Patch("b2", 2, 2, "dt-bindings: Add the new chip to the demo bindings", v: 3, at: 10 * Day, replyTo: "b1", files: Binding);
        var topic = Single(t.Build());
        Assert.Equal(["first", "thread"], topic.Revisions.Select(r => r.LinkedBy));
        Assert.Equal("b1", topic.Revisions[0].SupersededBy);
        Assert.Equal(ReviewState.Superseded, ReviewStates.Of(topic.Revisions[0], Policy));
    }

    // The same answer touching other files, or only some of them (an extra patch for one), is other work.
    [Theory]
    [InlineData("drivers/hwmon/other.c")]
    [InlineData("drivers/hwmon/demo.c")]
    public void ASeriesWithOtherFilesAnsweringTheReviewIsAnotherTopic(string file)
    {
        var t = V3AndItsReview();
        t.Patch("b1", 1, 2, "hwmon: (demo) Add support for the new chip", v: 3, at: 10 * Day, replyTo: "r1", files: [file]);
        t.Patch("b2", 2, 2, "dt-bindings: Add the new chip to the demo bindings", v: 3, at: 10 * Day, replyTo: "b1", files: Binding);
        Assert.Equal(2, t.Build().Count);
    }

    // "[PATCH v3 3/3] hwmon: (demo) also fix the limits" alone, answering the review: an extra patch, not the series,
    // even where it touches every file the series did.
    [Fact]
    public void AnIncompleteOrLongerSeriesAnsweringTheReviewIsAnotherTopic()
    {
        var t = V3AndItsReview();
        t.Patch("b3", 3, 3, "hwmon: (demo) also fix the limits", v: 3, at: 10 * Day, replyTo: "r1", files: [.. Driver, .. Binding]);
        Assert.Equal(2, t.Build().Count);
    }

    // No version written on the answer: Patchwork's orphaned patch, a patch of its own.
    [Fact]
    public void AnUnversionedSeriesUnderANewTitleAnsweringTheReviewIsAnotherTopic()
    {
        var t = V3AndItsReview();
        t.Patch("b1", 1, 2, "hwmon: (demo) Add support for the new chip", at: 10 * Day, replyTo: "r1", files: Driver);
        t.Patch("b2", 2, 2, "dt-bindings: Add the new chip to the demo bindings", at: 10 * Day, replyTo: "b1", files: Binding);
        Assert.Equal(2, t.Build().Count);
    }
}
