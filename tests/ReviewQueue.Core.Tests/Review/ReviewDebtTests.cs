using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using ReviewQueue.Core.Tests.Series;
using static ReviewQueue.Core.Tests.Series.ThreadBuilder;
using static ReviewQueue.Core.Tests.Review.TestSubsystems;

namespace ReviewQueue.Core.Tests.Review;

public sealed class ReviewDebtTests
{
    const string RobReview = "Reviewed-by: Rob Reviewer <rob@example.org>";
    const int Day = 24 * 60;
    static readonly TestSubsystems Map = new();

    static DebtReport Measure(ThreadBuilder t, int atMinutes) =>
        ReviewDebt.Measure(t.Build(asOf: Start.AddMinutes(atMinutes)), Policy, Map, Start.AddMinutes(atMinutes));

    static SubsystemDebt Section(DebtReport r, string name) => r.Subsystems.Single(s => s.Name == name);

    // c0 ─┬─ p1 (hwmon)
    //     └─ p2 (hwmon)
    static ThreadBuilder TwoHwmonPatches(string title = "hwmon: (demo) add support", string prefix = "")
    {
        var t = new ThreadBuilder();
        t.Cover(prefix + "c0", 2, title);
        t.Patch(prefix + "p1", 1, 2, title + " one", at: 1, replyTo: prefix + "c0");
        t.Patch(prefix + "p2", 2, 2, title + " two", at: 1, replyTo: prefix + "c0");
        return t;
    }

    [Fact]
    public void AnUnreviewedSeriesIsDebtWithItsAgePatchDaysAndOldestWaiter()
    {
        var t = TwoHwmonPatches();
        var r = Measure(t, 3 * Day);
        var hwmon = Section(r, Hwmon);
        Assert.Equal(1, hwmon.OpenSeries);
        Assert.Equal(2, hwmon.WaitingPatches);
        Assert.Equal(6.0, hwmon.PatchDays);
        Assert.Equal(3.0, hwmon.Oldest!.AgeDays);
        Assert.Equal(Single(t.Build()).Id, hwmon.Oldest.TopicId);
        var w = Assert.Single(r.Waiting);
        Assert.Equal("c0", w.MessageId);
        Assert.Equal(["Mia Maintainer <mia@example.org>", "Rob Reviewer <rob@example.org>"], w.SuggestedReviewers);
        Assert.Equal("unreviewed", w.State);
    }

    // [PATCH AUTOSEL 6.6 0/2] ─┬─ 1/2, 2/2 (hwmon), unanswered: a backport of work reviewed upstream.
    [Fact]
    public void AStableBackportWaitsForTheStableMaintainersNotTheSubsystemUnlessThePolicySays()
    {
        var t = new ThreadBuilder();
        t.Cover("c0", 2, "hwmon: (demo) fixes", stableTree: "6.6");
        t.Patch("p1", 1, 2, "hwmon: (demo) fix one", at: 1, replyTo: "c0", fix: true, stableTree: "6.6");
        t.Patch("p2", 2, 2, "hwmon: (demo) fix two", at: 1, replyTo: "c0", fix: true, stableTree: "6.6");
        var topics = t.Build(asOf: Start.AddDays(3));
        Assert.Equal("6.6", Single(topics).Current.StableTree);
        Assert.Equal(ReviewState.Unreviewed, ReviewStates.Of(Single(topics).Current, Policy));

        var r = ReviewDebt.Measure(topics, Policy, Map, Start.AddDays(3));
        Assert.Empty(r.Waiting);
        Assert.DoesNotContain(r.Subsystems, s => s.OpenSeries > 0);

        var counted = ReviewDebt.Measure(topics, Policy with { BackportsAreDebt = true }, Map, Start.AddDays(3));
        Assert.Equal(2, Assert.Single(counted.Waiting).WaitingPatches);
        Assert.Equal(1, Section(counted, Hwmon).OpenSeries);

        // Reviewed after all: no sample of the subsystem's time to first review either.
        t.Reply("r", "c0", at: 120, trailers: [RobReview]);
        var reviewed = t.Build(asOf: Start.AddDays(3));
        Assert.Equal(Durations.None, ReviewDebt.Measure(reviewed, Policy, Map, Start.AddDays(3)).Total.FirstReview);
        Assert.Equal(1, ReviewDebt.Measure(reviewed, Policy with { BackportsAreDebt = true }, Map, Start.AddDays(3)).Total.FirstReview.Samples);
    }

    [Fact]
    public void OnlyTheUnreviewedPatchesOfAPartlyReviewedSeriesWait()
    {
        var t = TwoHwmonPatches();
        t.Reply("r", "p1", at: 60, trailers: [RobReview]);
        var hwmon = Section(Measure(t, Day), Hwmon);
        Assert.Equal(1, hwmon.OpenSeries);
        Assert.Equal(1, hwmon.WaitingPatches);
        Assert.Equal("partly-reviewed", Assert.Single(Measure(t, Day).Waiting).State);
    }

    [Fact]
    public void AReviewedSeriesIsNoDebtAndItsTimeToFirstReviewIsMeasured()
    {
        var t = TwoHwmonPatches();
        t.Reply("r", "c0", at: 120, trailers: [RobReview]);
        var hwmon = Section(Measure(t, Day), Hwmon);
        Assert.Equal(0, hwmon.OpenSeries);
        Assert.Equal(0, hwmon.WaitingPatches);
        Assert.Null(hwmon.Oldest);
        Assert.Equal(new Durations(1, 2.0, 2.0), hwmon.FirstReview);
    }

    [Fact]
    public void TimeToFirstReviewHasAMedianAndANinetiethPercentile()
    {
        var t = new ThreadBuilder();
        int[] hours = [1, 2, 10];
        for (int i = 0; i < hours.Length; i++)
        {
            t.Patch($"p{i}", 1, 1, $"hwmon: fix number {i} of many", at: i * 10);
            t.Reply($"r{i}", $"p{i}", at: i * 10 + hours[i] * 60, trailers: [RobReview]);
        }
        Assert.Equal(new Durations(3, 2.0, 10.0), Section(Measure(t, Day), Hwmon).FirstReview);
    }

    // THE REST holds every file in Linux's MAINTAINERS (F: *, */), so every waiting series: ranked by its debt it came
    // first, above the subsystems a maintainer looks for. It comes after them, with its own figures.
    [Fact]
    public void TheRestIsRankedAfterTheNamedSectionsWhateverItsDebt()
    {
        var t = new ThreadBuilder();
        t.Patch("r1", 1, 1, "init: fix the banner", at: 0, fix: true, files: ["init/main.c"]);
        t.Patch("r2", 1, 1, "kernel: tidy the scheduler", at: 1, files: ["kernel/sched.c"]);
        t.Patch("i1", 1, 1, "i2c: tidy the bus", at: Day, files: ["drivers/i2c/bus.c"]);
        t.Patch("h1", 1, 1, "hwmon: (demo) tidy the probe", at: 2 * Day);
        var r = Measure(t, 6 * Day);
        Assert.Equal([I2c, Hwmon, Rest], r.Subsystems.Select(s => s.Name));
        var rest = Section(r, Rest);
        Assert.Equal((2, 1), (rest.OpenSeries, rest.WaitingFixes));
        Assert.True(rest.PatchDays > Section(r, I2c).PatchDays);

        // Alone (no MAINTAINERS: every file is THE REST) it is the backlog.
        var alone = new ThreadBuilder();
        alone.Patch("r1", 1, 1, "init: fix the banner", at: 0, fix: true, files: ["init/main.c"]);
        Assert.Equal([Rest], Measure(alone, Day).Subsystems.Select(s => s.Name));
    }

    [Fact]
    public void UnreviewedFixesAreCountedApartAndRankedFirst()
    {
        var t = new ThreadBuilder();
        // Old, big, no fix: many patch-days in i2c.
        t.Cover("i0", 3, "i2c: rework the bus");
        for (int i = 1; i <= 3; i++)
            t.Patch($"i{i}", i, 3, $"i2c: rework part {i}", at: 1, replyTo: "i0", files: ["drivers/i2c/bus.c"]);
        // Young fix in hwmon, and an older non-fix posted before it.
        t.Patch("h1", 1, 1, "hwmon: (demo) tidy the probe", at: Day);
        t.Patch("f1", 1, 1, "hwmon: (demo) fix overflow", at: 5 * Day, fix: true, from: Mia);
        var r = Measure(t, 6 * Day);
        Assert.Equal([Hwmon, I2c], r.Subsystems.Select(s => s.Name));
        var hwmon = Section(r, Hwmon);
        Assert.Equal(1, hwmon.WaitingFixes);
        Assert.Equal(1, hwmon.FixSeries);
        Assert.True(Section(r, I2c).PatchDays > hwmon.PatchDays);
        Assert.Equal(["hwmon: (demo) fix overflow", "i2c: rework the bus", "hwmon: (demo) tidy the probe"], r.Waiting.Select(w => w.Title));
        Assert.Equal(1, r.Total.WaitingFixes);
        Assert.Equal(5, r.Total.WaitingPatches);
    }

    /// <summary>
    /// A treewide series waits in the sections of its unreviewed patches only: i2c acked its part and owes nothing
    /// (it was listed there with 0 waiting patches, and its maintainers were asked again).
    /// </summary>
    [Fact]
    public void ASeriesWaitsOnlyInTheSectionsOfItsUnreviewedPatches()
    {
        var t = new ThreadBuilder();
        t.Cover("c0", 2, "treewide: convert to the new API");
        t.Patch("p1", 1, 2, "hwmon: convert", at: 1, replyTo: "c0");
        t.Patch("p2", 2, 2, "i2c: convert", at: 1, replyTo: "c0", files: ["drivers/i2c/core.c"]);
        t.Reply("r", "p2", from: Mia, at: 30, trailers: ["Acked-by: Mia Maintainer <mia@example.org>"]);
        var r = Measure(t, Day);
        Assert.Equal(1, Section(r, Hwmon).OpenSeries);
        Assert.Equal(1, Section(r, Hwmon).WaitingPatches);
        Assert.Equal(0, Section(r, I2c).OpenSeries);
        Assert.Equal(0, Section(r, I2c).WaitingPatches);
        Assert.Equal(0, Section(r, I2c).StaleSeries);
        Assert.Null(Section(r, I2c).Oldest);
        Assert.Equal(1, r.Total.OpenSeries);
        Assert.Equal([Hwmon], Assert.Single(r.Waiting).Subsystems);
    }

    /// <summary>In a section's list a series shows the waiting patches and fixes of that section, so the list adds up to its row.</summary>
    [Fact]
    public void InASectionsListASeriesCountsThePatchesWaitingThere()
    {
        var t = new ThreadBuilder();
        t.Cover("c0", 3, "treewide: convert to the new API");
        t.Patch("p1", 1, 3, "hwmon: convert", at: 1, replyTo: "c0");
        t.Patch("p2", 2, 3, "hwmon: convert more", at: 1, replyTo: "c0");
        t.Patch("p3", 3, 3, "i2c: convert", at: 1, replyTo: "c0", files: ["drivers/i2c/core.c"]);
        var r = Measure(t, Day);
        var w = Assert.Single(r.Waiting);
        Assert.Equal(3, w.WaitingPatches);
        Assert.Equal([Hwmon, I2c], w.Subsystems);
        Assert.Equal(2, w.In(Hwmon).WaitingPatches);
        Assert.Equal(1, w.In(I2c).WaitingPatches);
        Assert.Equal(Section(r, I2c).WaitingPatches, w.In(I2c).WaitingPatches);
        Assert.Equal(3, w.In(I2c).Patches);
    }

    [Fact]
    public void BotReviewsDoNotPayDebt()
    {
        var t = TwoHwmonPatches();
        t.Reply("bot", "c0", from: Bot, at: 10, trailers: ["Reviewed-by: kernel test robot <lkp@intel.com>"]);
        var r = Measure(t, Day);
        Assert.Equal(2, Section(r, Hwmon).WaitingPatches);
        Assert.Equal("unreviewed", Assert.Single(r.Waiting).State);
    }

    [Fact]
    public void TheAuthorsOwnAckPaysNoDebt()
    {
        var t = TwoHwmonPatches();
        t.Reply("self", "c0", from: Ada, at: 10, trailers: ["Acked-by: Ada Author <ada@example.org>"]);
        Assert.Equal(2, Section(Measure(t, Day), Hwmon).WaitingPatches);
    }

    [Fact]
    public void AReviewCarriedToAnUnchangedPatchOfTheNextRevisionKeepsItOutOfDebt()
    {
        var t = new ThreadBuilder();
        t.Patch("a1", 1, 2, "hwmon: fix the first thing", patchId: "same");
        t.Patch("a2", 2, 2, "hwmon: two", patchId: "old-two", replyTo: "a1");
        t.Reply("r1", "a1", at: 60, trailers: [RobReview]);
        t.Patch("b1", 1, 2, "hwmon: fix the first thing", v: 2, at: 2 * Day, patchId: "same");
        t.Patch("b2", 2, 2, "hwmon: two", v: 2, at: 2 * Day, patchId: "new-two", replyTo: "b1");
        var r = Measure(t, 3 * Day);
        var hwmon = Section(r, Hwmon);
        Assert.Equal(1, hwmon.WaitingPatches);
        Assert.Equal(3.0, hwmon.PatchDays); // since the topic's first posting, not since v2
        Assert.Equal("v2", Assert.Single(r.Waiting).Version);
    }

    /// <summary>
    /// The maintainer applied v1's first patch; v2 re-sends it unchanged with the rest ("I already applied this patch,
    /// so there is no need to re-send it"): it is in the tree, and only the changed patch waits.
    /// </summary>
    [Fact]
    public void AnUnchangedPatchAnEarlierRevisionHadAppliedIsNotDebtAgain()
    {
        var t = new ThreadBuilder();
        t.Patch("a1", 1, 2, "hwmon: fix the first thing", patchId: "same");
        t.Patch("a2", 2, 2, "hwmon: two", patchId: "old-two", replyTo: "a1");
        t.Reply("ty", "a1", from: Mia, at: 60, applied: new AppliedNote("hwmon-next", []));
        t.Patch("b1", 1, 2, "hwmon: fix the first thing", v: 2, at: 2 * Day, patchId: "same");
        t.Patch("b2", 2, 2, "hwmon: two", v: 2, at: 2 * Day, patchId: "new-two", replyTo: "b1");
        var r = Measure(t, 3 * Day);
        Assert.Equal(1, Section(r, Hwmon).WaitingPatches);
        var b1 = Single(t.Build()).Current.Patches[0];
        Assert.Equal(("hwmon-next", "ty"), (b1.Accepted!.Tree, b1.Accepted.MessageId));
    }

    [Fact]
    public void SupersededWithdrawnAcceptedAndObjectedWorkIsNotDebt()
    {
        var accepted = TwoHwmonPatches("hwmon: (a) accepted", "a");
        accepted.Reply("ty", "ac0", from: Mia, at: 100, applied: new AppliedNote("hwmon-next", []));
        var withdrawn = TwoHwmonPatches("hwmon: (w) withdrawn", "w");
        withdrawn.Reply("drop", "wc0", from: Ada, at: 100, withdraws: true);
        var objected = TwoHwmonPatches("hwmon: (o) objected", "o");
        objected.Reply("nak", "oc0", from: Mia, at: 100, nak: true);
        foreach (var t in new[] { accepted, withdrawn, objected })
            Assert.Equal(0, Section(Measure(t, Day), Hwmon).OpenSeries);
        Assert.Equal(1, Section(Measure(accepted, Day), Hwmon).AcceptedSeries);
    }

    [Fact]
    public void TheShareOfAcceptedSeriesReviewedBeforeAcceptanceCountsOnlyReviewsBeforeTheApplied()
    {
        var t = TwoHwmonPatches("hwmon: (a) first", "a");
        t.Reply("ar", "ac0", at: 50, trailers: [RobReview]);
        t.Reply("aty", "ac0", from: Mia, at: 100, applied: new AppliedNote("hwmon-next", []));
        var b = TwoHwmonPatches("hwmon: (b) second", "b");
        b.Reply("bty", "bc0", from: Mia, at: 100, applied: new AppliedNote("hwmon-next", []));
        b.Reply("br", "bc0", at: 200, trailers: [RobReview]); // too late: applied unreviewed
        t.Mails.AddRange(b.Mails);
        var hwmon = Section(Measure(t, Day), Hwmon);
        Assert.Equal(2, hwmon.AcceptedSeries);
        Assert.Equal(1, hwmon.AcceptedReviewed);
        Assert.Equal(0.5, hwmon.ReviewedBeforeAcceptShare);
    }

    [Fact]
    public void AnOpenSeriesUntouchedForStaleAfterIsStale()
    {
        var quiet = TwoHwmonPatches();
        Assert.False(Assert.Single(Measure(quiet, 13 * Day).Waiting).Stale);
        Assert.True(Assert.Single(Measure(quiet, 15 * Day).Waiting).Stale);
        Assert.Equal(1, Section(Measure(quiet, 15 * Day), Hwmon).StaleSeries);

        var talked = TwoHwmonPatches();
        talked.Reply("q", "p2", from: Mia, at: 10 * Day);
        Assert.False(Assert.Single(Measure(talked, 15 * Day).Waiting).Stale);
        Assert.Equal("discussed", Assert.Single(Measure(talked, 15 * Day).Waiting).State);
    }

    [Fact]
    public void AsOfAPastDayTheDebtIsWhatItWasThen()
    {
        var t = TwoHwmonPatches();
        t.Reply("r", "c0", at: 3 * Day, trailers: [RobReview]);
        t.Patch("n1", 1, 1, "hwmon: (late) posted later", at: 5 * Day);

        var before = Section(Measure(t, 2 * Day), Hwmon);
        Assert.Equal(1, before.OpenSeries);
        Assert.Equal(2, before.WaitingPatches);
        Assert.Equal(4.0, before.PatchDays);
        Assert.Equal(Durations.None, before.FirstReview);

        var after = Section(Measure(t, 4 * Day), Hwmon);
        Assert.Equal(0, after.OpenSeries);
        Assert.Equal(1, after.FirstReview.Samples);

        var later = Section(Measure(t, 6 * Day), Hwmon);
        Assert.Equal(1, later.OpenSeries);
        Assert.Equal("hwmon: (late) posted later", later.Oldest!.Title);
    }

    [Fact]
    public void NothingPostedAfterTheDayCounts()
    {
        var t = TwoHwmonPatches();
        var r = ReviewDebt.Measure(t.Build(), Policy, Map, Start.AddMinutes(-1));
        Assert.Empty(r.Subsystems);
        Assert.Equal(0, r.Total.OpenSeries);
    }
}
