using System.Text.Json;
using ReviewQueue.Core.Series;
using static ReviewQueue.Core.Tests.Series.ThreadBuilder;

namespace ReviewQueue.Core.Tests.Series;

/// <summary>
/// Partial re-rolls sent without a counter ("[PATCH v2.1] subsys: title" answering patch 14/16 of v2): the patch
/// takes the slot of the patch it answers, the rest of the series and its cover stay, and the title stays the series'.
/// </summary>
public sealed class RerollTests
{
    const int Day = 60 * 24;

    static ThreadBuilder V1OfThree(bool cover = true)
    {
        var t = new ThreadBuilder();
        if (cover)
            t.Cover("c1", 3, "fs: rework the cache");
        for (int i = 1; i <= 3; i++)
            t.Patch($"p{i}", i, 3, $"fs: part {i}", replyTo: cover ? "c1" : i == 1 ? null : $"p{i - 1}");
        return t;
    }

    static string Snapshot(IReadOnlyList<Topic> topics) => JsonSerializer.Serialize(topics);

    // c1 ─ p1 p2 p3;  "[PATCH v1.1] fs: part 2" (no counter) answers p2.
    [Fact]
    public void AnUncounteredV11AnsweringPatch2ReplacesPatch2Only()
    {
        var t = V1OfThree();
        t.Patch("p2b", 1, 1, "fs: part 2", v: 1, minor: 1, counters: false, at: Day, replyTo: "p2");
        var topic = Single(t.Build());
        var current = topic.Current;
        Assert.Equal(["p1", "p2b", "p3"], current.Patches.Select(p => p.MessageId));
        Assert.Equal([1, 2, 3], current.Patches.Select(p => p.Index));
        Assert.Equal(3, current.Total);
        Assert.True(current.Complete);
        Assert.Equal("c1", current.CoverMessageId);
        Assert.Equal(["c1", null, "c1"], current.Patches.Select(p => p.TakenFromRevision));
        // The revision it re-rolls is kept as it was posted.
        Assert.Equal(["p1", "p2", "p3"], topic.Revisions[0].Patches.Select(p => p.MessageId));
    }

    [Fact]
    public void AnUncounteredRerollKeepsTheSeriesTitle()
    {
        var t = V1OfThree();
        t.Patch("p2b", 1, 1, "fs: part 2", v: 1, minor: 1, counters: false, at: Day, replyTo: "p2");
        var topic = Single(t.Build());
        Assert.Equal("fs: rework the cache", topic.Title);
        Assert.Equal("fs: rework the cache", topic.Current.Title);
    }

    // p1 ← p2 ← p3 (no cover);  "[PATCH v2] fs: part 2" (no counter) answers p2.
    [Fact]
    public void AnUncounteredV2AnsweringPatch2OfV1TakesTheOthersFromV1AndKeepsTheFirstPatchsTitle()
    {
        var t = V1OfThree(cover: false);
        t.Patch("q2", 1, 1, "fs: part 2", v: 2, counters: false, at: Day, replyTo: "p2");
        var topic = Single(t.Build());
        Assert.Equal(2, topic.Revisions.Count);
        var v2 = topic.Current;
        Assert.Equal(2, v2.Version);
        Assert.Equal(["p1", "q2", "p3"], v2.Patches.Select(p => p.MessageId));
        Assert.Equal([1, 2, 3], v2.Patches.Select(p => p.Index));
        Assert.True(v2.Complete);
        Assert.Equal("fs: part 1", topic.Title);
    }

    // c2 ─ p1..p4 (v2);  v2.1 answers p2, v2.2 answers p4, neither with a counter.
    [Fact]
    public void TwoUncounteredRerollsOfDifferentPatchesEachLandInTheirOwnSlot()
    {
        var t = FourPatchesOfV2();
        t.Patch("r2", 1, 1, "mm: step 2", v: 2, minor: 1, counters: false, at: Day, replyTo: "p2");
        t.Patch("r4", 1, 1, "mm: step 4", v: 2, minor: 2, counters: false, at: 2 * Day, replyTo: "p4");
        var topic = Single(t.Build());
        Assert.Equal(["p1", "r2", "p3", "r4"], topic.Current.Patches.Select(p => p.MessageId));
        Assert.Equal([1, 2, 3, 4], topic.Current.Patches.Select(p => p.Index));
        Assert.True(topic.Current.Complete);
        Assert.Equal("mm: tidy the probe path", topic.Title);
        // Every mail belongs to a revision of the topic.
        var held = topic.Revisions.SelectMany(r => r.Patches.Select(p => p.MessageId)).ToHashSet();
        Assert.Superset(held, new HashSet<string> { "p1", "p2", "p3", "p4", "r2", "r4" });
    }

    // The shape of the real case: v2.1 answers v2's 3/4, v2.2 answers v2.1; both re-roll patch 3.
    [Fact]
    public void AChainOfUncounteredRerollsStaysInTheSlotAtTheTopOfTheChain()
    {
        var t = FourPatchesOfV2();
        t.Reply("review", "p3", at: 100);
        t.Patch("r31", 1, 1, "mm: step 3", v: 2, minor: 1, counters: false, at: Day, replyTo: "review");
        t.Patch("r32", 1, 1, "mm: step 3", v: 2, minor: 2, counters: false, at: 2 * Day, replyTo: "r31");
        var topic = Single(t.Build());
        Assert.Equal(["p1", "p2", "r32", "p4"], topic.Current.Patches.Select(p => p.MessageId));
        Assert.Equal("mm: tidy the probe path", topic.Title);
        var held = topic.Revisions.SelectMany(r => r.Patches.Select(p => p.MessageId)).ToHashSet();
        Assert.Contains("r31", held);
        Assert.Equal("r31", PatchAt(topic.Revisions.Single(r => r.Id == "r31"), 3).MessageId);
    }

    [Fact]
    public void UncounteredRerollsGiveTheSameTopicsInAnyArrivalOrder()
    {
        var t = FourPatchesOfV2();
        t.Patch("r2", 1, 1, "mm: step 2", v: 2, minor: 1, counters: false, at: Day, replyTo: "p2");
        t.Patch("r4", 1, 1, "mm: step 4", v: 2, minor: 2, counters: false, at: 2 * Day, replyTo: "p4");
        t.Patch("r41", 1, 1, "mm: step 4", v: 2, minor: 3, counters: false, at: 3 * Day, replyTo: "r4");
        var expected = Snapshot(t.Build());
        var random = new Random(141);
        for (int run = 0; run < 100; run++)
            Assert.Equal(expected, Snapshot(t.Build(t.Mails.OrderBy(_ => random.Next()).ToList())));
    }

    /// <summary>c2 ─ p1..p4: v2 of "mm: tidy the probe path", complete, the series the uncountered re-rolls answer.</summary>
    static ThreadBuilder FourPatchesOfV2()
    {
        var t = new ThreadBuilder();
        t.Cover("c2", 4, "mm: tidy the probe path", v: 2);
        for (int i = 1; i <= 4; i++)
            t.Patch($"p{i}", i, 4, $"mm: step {i}", v: 2, replyTo: "c2");
        return t;
    }
}
