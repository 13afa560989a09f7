using System.Text.Json;
using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using ReviewQueue.Core.Tests.Series;
using static ReviewQueue.Core.Tests.Series.ThreadBuilder;

namespace ReviewQueue.Core.Tests.Review;

/// <summary>
/// The rebuild hands the measures the topics in batches, in any split and any order: each tally then gives what
/// the static Measure gives over the whole list in the topics' own order (first posted, then id).
/// </summary>
public sealed class TallyBatchTests
{
    const int Day = 24 * 60;
    static readonly TestSubsystems Map = new();
    static readonly DateOnly First = DateOnly.FromDateTime(Start.UtcDateTime);
    static readonly DateTimeOffset Now = Start.AddDays(11).AddHours(3);
    static bool IsBot(string? email) => string.Equals(email, Bot, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Re-rolls, a NAK, a withdrawal, an "Applied" reply, fixes, three sections; Rob and Ivo named differently in
    /// different topics (the first topic's name is the one kept), Mia by her bare address first; two series posted at the same
    /// minute in the same section (they tie on every sort key but their id, and both are its oldest waiter).
    /// </summary>
    static IReadOnlyList<Topic> Topics()
    {
        var t = new ThreadBuilder();
        t.Patch("a1", 1, 2, "hwmon: (a) fix the first thing", patchId: "same", fix: true);
        t.Patch("a2", 2, 2, "hwmon: (a) two", patchId: "old-two", replyTo: "a1", files: ["drivers/i2c/bus.c"]);
        t.Reply("ar", "a1", at: 2 * Day, trailers: ["Reviewed-by: Rob Reviewer <rob@example.org>"]);
        t.Patch("b1", 1, 2, "hwmon: (a) fix the first thing", v: 2, at: 4 * Day, patchId: "same", fix: true);
        t.Patch("b2", 2, 2, "hwmon: (a) two", v: 2, at: 4 * Day, patchId: "new-two", replyTo: "b1", files: ["drivers/i2c/bus.c"]);
        t.Patch("n1", 1, 2, "hwmon: (n) nakked later", at: Day);
        t.Patch("n2", 2, 2, "hwmon: (n) nakked later two", at: Day, replyTo: "n1");
        t.Reply("nr", "n2", at: Day + 60, name: "Bob Reviewer", trailers: ["Reviewed-by: Bob Reviewer <ROB@example.org>"]);
        t.Reply("mb", "n1", from: Mia, at: Day + 90, trailers: ["Reviewed-by: mia@example.org"]);
        t.Reply("nak", "n1", from: Mia, at: 6 * Day, nak: true);
        t.Patch("f1", 1, 1, "hwmon: (f) fix a sensor", at: 2 * Day, fix: true);
        t.Patch("w1", 1, 1, "i2c: (w) withdrawn later", at: 2 * Day, files: ["drivers/i2c/w.c"]);
        t.Reply("drop", "w1", from: Ada, at: 7 * Day, withdraws: true);
        t.Patch("y1", 1, 1, "hwmon: (y) applied later", at: 3 * Day);
        t.Reply("yr", "y1", from: "ivo@i2c.example.net", at: 3 * Day + 100, trailers: ["Reviewed-by: Ivo Two <ivo@i2c.example.net>"]);
        t.Reply("ym", "y1", from: Mia, at: 3 * Day + 200, trailers: ["Acked-by: Mia Maintainer <mia@example.org>"]);
        t.Reply("ty", "y1", from: Mia, at: 8 * Day, applied: new AppliedNote("hwmon-next", []));
        t.Patch("i1", 1, 1, "i2c: (i) Ivo's own", from: "ivo@i2c.example.net", at: 6 * Day, files: ["drivers/i2c/i.c"]);
        t.Patch("s1", 1, 1, "misc: (s) one of a pair", at: 3 * Day + 30, files: ["lib/s.c"]);
        t.Patch("s2", 1, 1, "misc: (t) other of a pair", from: Rob, at: 3 * Day + 30, files: ["lib/t.c"]);
        t.Patch("q1", 1, 1, "misc: (q) talked about", at: 5 * Day, files: ["lib/q.c"]);
        t.Reply("qq", "q1", from: Rob, at: 9 * Day);
        t.Patch("z1", 1, 1, "hwmon: (z) posted after the moment measured", at: 12 * Day);
        return t.Build();
    }

    public static TheoryData<string> Splits => new(SplitNames);

    static readonly string[] SplitNames =
        ["whole, in order", "whole, reversed", "one per batch, reversed", "shuffled, in twos", "shuffled, in threes", "shuffled, one per batch"];

    /// <summary>The topics in batches, split and ordered as named; every topic given once.</summary>
    static List<List<Topic>> Split(IReadOnlyList<Topic> topics, string how)
    {
        var list = topics.ToList();
        List<List<Topic>> In(int size) => list.Chunk(size).Select(c => c.ToList()).ToList();
        void Shuffle(int seed)
        {
            var array = list.ToArray();
            new Random(seed).Shuffle(array);
            list = [.. array];
        }
        switch (how)
        {
            case "whole, in order":
                return [list];
            case "whole, reversed":
                list.Reverse();
                return [list];
            case "one per batch, reversed":
                list.Reverse();
                return In(1);
            case "shuffled, in twos":
                Shuffle(7);
                return In(2);
            case "shuffled, in threes":
                Shuffle(42);
                return In(3);
            case "shuffled, one per batch":
                Shuffle(2026);
                return In(1);
            default:
                throw new ArgumentException(how);
        }
    }

    static string Json<T>(T value) => JsonSerializer.Serialize(value, new JsonSerializerOptions { WriteIndented = true });

    [Theory]
    [MemberData(nameof(Splits))]
    public void TheDebtOfTopicsGivenInBatchesIsTheDebtOfTheWholeList(string how)
    {
        var topics = Topics();
        var whole = ReviewDebt.Measure(topics, Policy, Map, Now);
        // Not a trivial case: two series tie on the waiting list's keys and are both the misc section's oldest.
        var pair = whole.Waiting.Where(w => w.Title.Contains("of a pair")).ToList();
        Assert.Equal(2, pair.Count);
        Assert.Equal((pair[0].WaitingFixes > 0, pair[0].FirstPosted), (pair[1].WaitingFixes > 0, pair[1].FirstPosted));
        Assert.Contains(whole.Subsystems, s => s.Name == TestSubsystems.Rest && s.Oldest?.FirstPosted == pair[0].FirstPosted);
        Assert.True(whole.Subsystems.Count >= 3);

        var tally = new DebtTally(Policy, Map, Now);
        foreach (var batch in Split(topics, how))
            tally.Add(batch);
        Assert.Equal(Json(whole), Json(tally.Report()));
    }

    [Theory]
    [MemberData(nameof(Splits))]
    public void PeoplesBalancesFromTopicsGivenInBatchesAreThoseOfTheWholeList(string how)
    {
        var topics = Topics();
        var whole = ReviewerBalances.Measure(topics, Policy, IsBot, Now);
        // Not a trivial case: the name kept is the first topic's, another topic names the same person otherwise.
        Assert.Equal("Rob Reviewer", whole.People.Single(p => p.Key == Rob).Name);
        Assert.Equal("Ivo Two", whole.People.Single(p => p.Key == "ivo@i2c.example.net").Name);
        // A bare address is named by the address (the trailer gives no other name), and that was met first.
        Assert.Equal(Mia, whole.People.Single(p => p.Key == Mia).Name);
        Assert.Contains(topics.SelectMany(t => t.Revisions).SelectMany(r => r.Patches).SelectMany(p => p.Trailers),
            t => t.Person == "Bob Reviewer");

        var tally = new BalanceTally(Policy, IsBot, Now);
        foreach (var batch in Split(topics, how))
            tally.Add(batch);
        Assert.Equal(Json(whole), Json(tally.Report()));
    }

    [Theory]
    [MemberData(nameof(Splits))]
    public void TheHistoryOfTopicsGivenInBatchesIsTheHistoryOfTheWholeList(string how)
    {
        var topics = Topics();
        foreach (var from in new[] { First, First.AddDays(3), First.AddDays(-2) })
        {
            var whole = DebtHistory.Measure(topics, Policy, Map, from, Now);
            Assert.NotEmpty(whole);
            var tally = new HistoryTally(Policy, Map, from, Now);
            foreach (var batch in Split(topics, how))
                tally.Add(batch);
            // Rows in the same order too: each day's sections as they were first changed.
            Assert.Equal(Json(whole), Json(tally.Days()));
        }
    }

    [Fact]
    public void TheHistoryListsSectionsChangedTheSameDayInTheTopicsOrder()
    {
        // i2c's series is posted first, hwmon's a minute later, the same day: i2c's row comes before hwmon's.
        var t = new ThreadBuilder();
        t.Patch("i1", 1, 1, "i2c: (i) first", files: ["drivers/i2c/i.c"]);
        t.Patch("h1", 1, 1, "hwmon: (h) second", at: 1);
        var topics = t.Build();
        var tally = new HistoryTally(Policy, Map, First, Start.AddHours(2));
        tally.Add(topics.Reverse().ToList());
        Assert.Equal([ReviewDebt.All, TestSubsystems.I2c, TestSubsystems.Hwmon], tally.Days().Select(d => d.Section));
    }

    [Fact]
    public void PatchDaysAreExactWhateverTheOrderOfTheTopics()
    {
        // A double sum of patches × age depends on the order of its terms. Find a moment where the topics' order and
        // the reverse order round to different hundredths: the tally, kept in ticks, gives the exact figure both ways.
        var t = new ThreadBuilder();
        int[] minutes = [0, 7, 95, 1441, 2900, 4321, 7000];
        for (int i = 0; i < minutes.Length; i++)
            for (int p = 1; p <= i % 3 + 1; p++)
                t.Patch($"p{i}-{p}", p, i % 3 + 1, $"hwmon: (d{i}) part {p}", at: minutes[i], replyTo: p == 1 ? null : $"p{i}-1");
        var topics = t.Build();
        Assert.Equal(minutes.Length, topics.Count);

        var asOf = MomentWhereOrderShows(topics);
        Assert.True(asOf is not null, "no moment found where the order of adding shows in the rounded patch-days");
        var forward = new DebtTally(Policy, Map, asOf.Value);
        forward.Add(topics);
        var reverse = new DebtTally(Policy, Map, asOf.Value);
        reverse.Add(topics.Reverse().ToList());
        Assert.Equal(Json(forward.Report()), Json(reverse.Report()));
        Int128 ticks = topics.Aggregate(Int128.Zero, (sum, x) => sum + (Int128)x.Current.Patches.Count * (asOf.Value.UtcTicks - x.FirstPosted.UtcTicks));
        Assert.Equal(Math.Round((double)ticks / TimeSpan.TicksPerDay, 2), forward.Report().Total.PatchDays);
    }

    /// <summary>A moment at which Σ patches × age, added up first to last, rounds otherwise than added up last to first.</summary>
    static DateTimeOffset? MomentWhereOrderShows(IReadOnlyList<Topic> topics)
    {
        var terms = topics.Select(t => (Posted: t.FirstPosted.UtcTicks, Patches: t.Current.Patches.Count)).ToList();
        long patches = terms.Sum(x => x.Patches);
        Int128 weighted = terms.Aggregate(Int128.Zero, (s, x) => s + (Int128)x.Patches * x.Posted);
        double Sum(long at, bool reversed)
        {
            double sum = 0;
            foreach (var (posted, n) in reversed ? Enumerable.Reverse(terms) : terms)
                sum += n * new TimeSpan(at - posted).TotalDays;
            return Math.Round(sum, 2);
        }
        // Aim the exact sum at a half hundredth (where rounding turns), a tick either side.
        for (int hundredths = 30_000; hundredths < 32_000; hundredths++)
        {
            Int128 target = (Int128)(hundredths * 2 + 1) * TimeSpan.TicksPerDay / 200;
            long at = (long)((target + weighted) / patches);
            for (long a = at - 2; a <= at + 2; a++)
                if (Sum(a, false) != Sum(a, true))
                    return new DateTimeOffset(a, TimeSpan.Zero);
        }
        return null;
    }
}
