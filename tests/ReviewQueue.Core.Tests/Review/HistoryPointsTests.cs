using ReviewQueue.Core.Review;
using ReviewQueue.Core.Tests.Series;
using static ReviewQueue.Core.Tests.Series.ThreadBuilder;
using static ReviewQueue.Core.Tests.Review.TestSubsystems;

namespace ReviewQueue.Core.Tests.Review;

public sealed class HistoryPointsTests
{
    static readonly TestSubsystems Map = new();
    static readonly DateOnly First = DateOnly.FromDateTime(Start.UtcDateTime);
    const int Day = 24 * 60;

    [Fact]
    public void TheKeptDaysFilledInAreTheMeasuredHistoryAndQuietDaysAreLeftOut()
    {
        var t = new ThreadBuilder();
        t.Patch("a1", 1, 1, "hwmon: (a) waits a while", fix: true);
        t.Reply("ar", "a1", at: 6 * Day, trailers: ["Reviewed-by: Rob Reviewer <rob@example.org>"]);
        t.Patch("w1", 1, 1, "i2c: (w) never answered", at: 2 * Day, files: ["drivers/i2c/w.c"]);
        t.Patch("q1", 1, 1, "misc: (q) talked about", at: 5 * Day, files: ["lib/q.c"]);
        t.Reply("qq", "q1", from: Rob, at: 9 * Day);

        var now = Start.AddDays(30).AddHours(3);
        var days = DebtHistory.Measure(t.Build(), Policy, Map, First, now);
        var kept = HistoryPoints.Kept(days).ToList();

        foreach (var section in days.Select(d => d.Section).Distinct())
            Assert.Equal(days.Where(d => d.Section == section), HistoryPoints.Filled(kept.Where(d => d.Section == section).ToList()));
        // hwmon: posted, reviewed, today. i2c: posted, today (one more patch-day a day in between).
        Assert.Equal([First, First.AddDays(6), First.AddDays(30)], kept.Where(d => d.Section == Hwmon).Select(d => d.Day));
        Assert.Equal([First.AddDays(2), First.AddDays(30)], kept.Where(d => d.Section == I2c).Select(d => d.Day));
        Assert.True(kept.Count * 4 < days.Count, $"{kept.Count} of {days.Count} days kept");
    }

    [Fact]
    public void AnyHistoryComesBackDayForDayAndCarriedDaysAreNotStored()
    {
        // Histories as the measure writes them (patch-days rounded from Σ waiting × (day's end − first posted) in
        // ticks), with waiting patches posted at random seconds and counts changing on random days.
        var random = new Random(20261128);
        for (int round = 0; round < 200; round++)
        {
            var days = new List<SectionDay>();
            int quiet = 0;
            var sections = Enumerable.Range(0, 1 + random.Next(4)).Select(i => (Name: $"S{i}", Start: random.Next(20))).ToList();
            var posted = sections.ToDictionary(s => s.Name, _ => new List<long>());
            for (int d = 0; d < 60; d++)
            {
                var day = First.AddDays(d);
                var moment = DebtHistory.EndOf(day).UtcTicks;
                foreach (var (name, start) in sections.Where(s => s.Start <= d))
                {
                    var waiting = posted[name];
                    bool changes = d == start || random.Next(6) == 0;
                    if (changes && waiting.Count > 0 && random.Next(2) == 0)
                        waiting.RemoveAt(random.Next(waiting.Count));
                    else if (changes)
                        for (int n = random.Next(4); n > 0; n--)
                            waiting.Add(moment - TimeSpan.TicksPerSecond * random.Next(1, 86_400 * (d + 1)));
                    else
                        quiet++;
                    var sum = waiting.Aggregate(Int128.Zero, (s, p) => s + p);
                    days.Add(new SectionDay(name, day, waiting.Count > 0 ? 1 : 0, waiting.Count, 0,
                        Math.Round((double)(waiting.Count * (Int128)moment - sum) / TimeSpan.TicksPerDay, 2)));
                }
            }
            var kept = HistoryPoints.Kept(days).ToList();
            foreach (var (name, _) in sections)
                Assert.Equal(days.Where(d => d.Section == name), HistoryPoints.Filled(kept.Where(d => d.Section == name).ToList()));
            // Every quiet day but the last is left out: carrying the hundredths forward gives what the measure gives.
            Assert.True(days.Count - kept.Count >= quiet - sections.Count, $"round {round}: {kept.Count} of {days.Count} kept, {quiet} quiet");
        }
    }

    [Fact]
    public void ADayThatDoesNotFollowFromTheLastKeptOneIsKept()
    {
        var first = new SectionDay("S", First, 1, 2, 0, 1.5);
        var same = first with { Day = First.AddDays(1), PatchDays = 3.5 };
        var odd = first with { Day = First.AddDays(2), PatchDays = 5.49 };
        var last = first with { Day = First.AddDays(3), PatchDays = 7.49 };
        Assert.Equal([first, odd, last], HistoryPoints.Kept([first, same, odd, last]));
        Assert.Equal([first, same, odd, last], HistoryPoints.Filled([first, odd, last]));
        Assert.Empty(HistoryPoints.Kept([]));
    }
}
