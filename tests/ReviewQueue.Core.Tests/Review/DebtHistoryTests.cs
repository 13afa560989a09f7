using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using ReviewQueue.Core.Tests.Series;
using static ReviewQueue.Core.Tests.Series.ThreadBuilder;
using static ReviewQueue.Core.Tests.Review.TestSubsystems;

namespace ReviewQueue.Core.Tests.Review;

public sealed class DebtHistoryTests
{
    const string RobReview = "Reviewed-by: Rob Reviewer <rob@example.org>";
    const int Day = 24 * 60;
    static readonly TestSubsystems Map = new();
    static readonly DateOnly First = DateOnly.FromDateTime(Start.UtcDateTime);

    [Fact]
    public void AnUnreviewedSeriesWaitsDayByDayUntilItsReviewAndItsPatchDaysGrow()
    {
        var t = new ThreadBuilder();
        t.Cover("c0", 2, "hwmon: (demo) add support");
        t.Patch("p1", 1, 2, "hwmon: (demo) add support one", at: 1, replyTo: "c0");
        t.Patch("p2", 2, 2, "hwmon: (demo) add support two", at: 1, replyTo: "c0");
        t.Reply("r", "c0", at: 3 * Day, trailers: [RobReview]);

        var now = Start.AddDays(5);
        var rows = DebtHistory.Measure(t.Build(), Policy, Map, First, now).Where(r => r.Section == Hwmon).ToList();

        Assert.Equal(6, rows.Count); // the first day through today
        // Posted at 10:00: at the first day's end two patches have waited 14 hours less a second each.
        Assert.Equal((1, 2, 0), (rows[0].OpenSeries, rows[0].WaitingPatches, rows[0].WaitingFixes));
        Assert.Equal(Math.Round(2 * (14 * 3600 - 1) / 86400.0, 2), rows[0].PatchDays);
        Assert.Equal(rows[0].PatchDays + 2, rows[1].PatchDays);
        Assert.Equal(rows[0].PatchDays + 4, rows[2].PatchDays);
        // Reviewed on the fourth day: nothing waits from then on, and the section's row stays, at zero.
        Assert.All(rows.Skip(3), r => Assert.Equal((0, 0, 0.0), (r.OpenSeries, r.WaitingPatches, r.PatchDays)));
    }

    [Fact]
    public void EveryDayEqualsTheDebtOfTheTopicsAssembledAsOfThatDay()
    {
        // Re-rolls, a review carried to v2, a NAK, a withdrawal, an "Applied" reply, fixes and two sections.
        var t = new ThreadBuilder();
        t.Patch("a1", 1, 2, "hwmon: (a) fix the first thing", patchId: "same", fix: true);
        t.Patch("a2", 2, 2, "hwmon: (a) two", patchId: "old-two", replyTo: "a1", files: ["drivers/i2c/bus.c"]);
        t.Reply("ar", "a1", at: 2 * Day, trailers: [RobReview]);
        t.Patch("b1", 1, 2, "hwmon: (a) fix the first thing", v: 2, at: 4 * Day, patchId: "same", fix: true);
        t.Patch("b2", 2, 2, "hwmon: (a) two", v: 2, at: 4 * Day, patchId: "new-two", replyTo: "b1", files: ["drivers/i2c/bus.c"]);
        t.Patch("n1", 1, 1, "hwmon: (n) nakked later", at: 1 * Day);
        t.Reply("nak", "n1", from: Mia, at: 6 * Day, nak: true);
        t.Patch("w1", 1, 1, "i2c: (w) withdrawn later", at: 2 * Day, files: ["drivers/i2c/w.c"]);
        t.Reply("drop", "w1", from: Ada, at: 7 * Day, withdraws: true);
        t.Patch("y1", 1, 1, "hwmon: (y) applied later", at: 3 * Day);
        t.Reply("ty", "y1", from: Mia, at: 8 * Day, applied: new AppliedNote("hwmon-next", []));
        t.Patch("q1", 1, 1, "misc: (q) talked about", at: 5 * Day, files: ["lib/q.c"]);
        t.Reply("qq", "q1", from: Rob, at: 9 * Day);

        var now = Start.AddDays(11).AddHours(3);
        var rows = DebtHistory.Measure(t.Build(), Policy, Map, First, now);
        for (var day = First; day <= DateOnly.FromDateTime(now.UtcDateTime); day = day.AddDays(1))
        {
            var moment = DebtHistory.Moment(day, now);
            var expected = ReviewDebt.Measure(t.Build(asOf: moment), Policy, Map, moment);
            var got = rows.Where(r => r.Day == day).ToDictionary(r => r.Section);
            foreach (var s in expected.Subsystems.Append(expected.Total))
                Assert.Equal((day, s.Name, s.OpenSeries, s.WaitingPatches, s.WaitingFixes, s.PatchDays),
                    (day, got[s.Name].Section, got[s.Name].OpenSeries, got[s.Name].WaitingPatches, got[s.Name].WaitingFixes, got[s.Name].PatchDays));
        }
    }

    [Fact]
    public void HistoryFromALaterDayStartsWithEverythingBeforeIt()
    {
        var t = new ThreadBuilder();
        t.Patch("p1", 1, 1, "hwmon: (old) waiting a while");
        var rows = DebtHistory.Measure(t.Build(), Policy, Map, First.AddDays(10), Start.AddDays(10).AddHours(1))
            .Where(r => r.Section == ReviewDebt.All).ToList();
        var row = Assert.Single(rows);
        Assert.Equal((1, 1), (row.OpenSeries, row.WaitingPatches));
        Assert.Equal(Math.Round(10 + 1 / 24.0, 2), row.PatchDays);
    }


    [Fact]
    public void HistoryFromALaterDayKeepsTheSectionsMeasuredBeforeItAsTheWholeHistoryHasThem()
    {
        // v1 waits in I2C; its v2 touches hwmon only, so from day 3 on no series is in I2C.
        var t = new ThreadBuilder();
        t.Patch("v1", 1, 1, "hwmon: (w) move the bus code", files: ["drivers/i2c/w.c"]);
        t.Patch("v2", 1, 1, "hwmon: (w) move the bus code", v: 2, at: 3 * Day, files: ["drivers/hwmon/w.c"]);
        var now = Start.AddDays(8).AddHours(1);
        var whole = DebtHistory.Measure(t.Build(), Policy, Map, First, now).Where(d => d.Day >= First.AddDays(5)).ToList();
        Assert.Equal(Enumerable.Repeat((0, 0), 4), whole.Where(d => d.Section == I2c).Select(d => (d.OpenSeries, d.WaitingPatches)));

        // Measured again from day 5 on (a refresh), told I2C has days before it: the same days, I2C owing nothing.
        var again = new HistoryTally(Policy, Map, First.AddDays(5), now, [I2c]);
        again.Add(t.Build());
        Assert.Equal(whole, again.Days());
        // Not told: I2C has no days from day 5 on, and a chart of it would end with the v1 still waiting.
        Assert.DoesNotContain(DebtHistory.Measure(t.Build(), Policy, Map, First.AddDays(5), now), d => d.Section == I2c);
    }
    [Fact]
    public void ATopicCutAsOfAMomentHasOnlyWhatHappenedByThen()
    {
        var t = new ThreadBuilder();
        t.Patch("a1", 1, 1, "hwmon: (a) first try");
        t.Reply("nak", "a1", from: Mia, at: 2 * Day, nak: true);
        t.Patch("b1", 1, 1, "hwmon: (a) first try", v: 2, at: 3 * Day);
        t.Reply("r", "b1", at: 4 * Day, trailers: [RobReview]);
        var topic = Single(t.Build());

        Assert.Null(topic.AsOf(Start.AddMinutes(-1)));
        var early = topic.AsOf(Start.AddDays(1))!;
        Assert.Equal("a1", Assert.Single(early.Revisions).Id);
        Assert.Null(early.Current.SupersededBy);
        Assert.False(early.Current.Patches[0].Objected);
        Assert.True(topic.AsOf(Start.AddDays(2).AddMinutes(1))!.Current.Patches[0].Objected);

        var v2 = topic.AsOf(Start.AddDays(3).AddMinutes(1))!;
        Assert.Equal(["a1", "b1"], v2.Revisions.Select(r => r.Id));
        Assert.Equal("b1", v2.Revisions[0].SupersededBy);
        Assert.Empty(v2.Current.Patches[0].Trailers);
        Assert.Single(topic.AsOf(Start.AddDays(5))!.Current.Patches[0].Trailers);
    }
}
