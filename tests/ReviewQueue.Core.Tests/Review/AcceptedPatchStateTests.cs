using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using ReviewQueue.Core.Tests.Series;
using static ReviewQueue.Core.Tests.Series.ThreadBuilder;

namespace ReviewQueue.Core.Tests.Review;

/// <summary>
/// Accepted and reviewed are separate facts (DOMAIN.md 6): a patch applied without a review trailer is
/// not reviewed, and a revision with some patches applied is judged by the patches still open.
/// </summary>
public sealed class AcceptedPatchStateTests
{
    const string RobReview = "Reviewed-by: Rob Reviewer <rob@example.org>";
    const int Day = 24 * 60;

    // c0 ─┬─ p1 … pN (hwmon)
    static ThreadBuilder Series(int patches)
    {
        var t = new ThreadBuilder();
        t.Cover("c0", patches, "hwmon: (demo) add support");
        for (int i = 1; i <= patches; i++)
            t.Patch($"p{i}", i, patches, $"hwmon: (demo) part {i}", at: 1, replyTo: "c0");
        return t;
    }

    static void Apply(ThreadBuilder t, string patch) =>
        t.Reply($"ty-{patch}", patch, from: Mia, at: 2 * Day, applied: new AppliedNote("hwmon-next", []));

    static TopicStanding Standing(ThreadBuilder t) =>
        TopicStanding.Of(Single(t.Build()), Policy, Start.AddMinutes(3 * Day));

    [Fact]
    public void APatchAppliedWithoutAReviewLeavesTheOthersUnreviewedWithNoneCountedReviewed()
    {
        var t = Series(5);
        Apply(t, "p1");
        var s = Standing(t);
        Assert.Equal(ReviewState.Unreviewed, s.State);
        Assert.Equal(ReviewState.Unreviewed, ReviewStates.Of(s.Topic.Current, Policy));
        Assert.Equal(0, s.Reviewed);
        Assert.Equal(0, ReviewStates.ReviewedPatches(s.Topic.Current, Policy));
        Assert.Equal(4, s.Waiting.Count);
        Assert.True(s.InDebt);
        Assert.Equal(ReviewState.Accepted, State(s.Topic.Current, 1));
    }

    [Fact]
    public void AnAppliedReviewedPatchCountsAsReviewedBesideAReviewedAndAnUnreviewedOne()
    {
        var t = Series(3);
        t.Reply("r1", "p1", at: 60, trailers: [RobReview]);
        t.Reply("r2", "p2", at: 60, trailers: [RobReview]);
        Apply(t, "p1");
        var s = Standing(t);
        Assert.Equal(ReviewState.PartlyReviewed, s.State);
        Assert.Equal(2, s.Reviewed);
        Assert.Equal(2, ReviewStates.ReviewedPatches(s.Topic.Current, Policy));
        Assert.Equal(["p3"], s.Waiting.Select(p => p.MessageId));
    }

    [Fact]
    public void OpenPatchesAllReviewedBesideAnUnreviewedAppliedOneMakeTheRevisionReviewed()
    {
        var t = Series(2);
        t.Reply("r2", "p2", at: 60, trailers: [RobReview]);
        Apply(t, "p1");
        var s = Standing(t);
        Assert.Equal(ReviewState.Reviewed, s.State);
        Assert.Equal(1, s.Reviewed);
        Assert.False(s.InDebt);
    }

    [Fact]
    public void OpenPatchesOnlyDiscussedBesideAnAppliedOneMakeTheRevisionDiscussed()
    {
        var t = Series(2);
        t.Reply("q", "p2", from: Mia, at: 60);
        Apply(t, "p1");
        Assert.Equal(ReviewState.Discussed, Standing(t).State);
    }

    [Fact]
    public void AnObjectionToAnOpenPatchStillWinsBesideAnAppliedOne()
    {
        var t = Series(3);
        t.Reply("r2", "p2", at: 60, trailers: [RobReview]);
        t.Reply("no", "p3", from: Mia, at: 60, nak: true);
        Apply(t, "p1");
        Assert.Equal(ReviewState.Objected, Standing(t).State);
    }

    [Fact]
    public void ARevisionWithEveryPatchAppliedIsAcceptedAndCountsOnlyItsReviewedPatches()
    {
        var t = Series(3);
        t.Reply("r2", "p2", at: 60, trailers: [RobReview]);
        t.Reply("ty", "c0", from: Mia, at: 2 * Day, applied: new AppliedNote("hwmon-next", []));
        var s = Standing(t);
        Assert.Equal(ReviewState.Accepted, s.State);
        Assert.Equal(1, s.Reviewed);
        Assert.Empty(s.Waiting);
        Assert.False(s.InDebt);
        Assert.True(s.Accepted);
        Assert.False(s.ReviewedBeforeAccepted);
    }

    [Fact]
    public void AnAcceptedSeriesWhosePatchesWereAllReviewedFirstIsReviewedBeforeAcceptance()
    {
        var t = Series(2);
        t.Reply("r", "c0", at: 60, trailers: [RobReview]);
        t.Reply("ty", "c0", from: Mia, at: 2 * Day, applied: new AppliedNote("hwmon-next", []));
        var s = Standing(t);
        Assert.Equal(ReviewState.Accepted, s.State);
        Assert.Equal(2, s.Reviewed);
        Assert.True(s.ReviewedBeforeAccepted);
    }
}
