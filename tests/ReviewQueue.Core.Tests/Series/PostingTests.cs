using ReviewQueue.Core.Series;
using static ReviewQueue.Core.Tests.Series.ThreadBuilder;

namespace ReviewQueue.Core.Tests.Series;

public sealed class PostingTests
{
    // c0 ─┬─ p1
    //     ├─ p2
    //     └─ p3
    [Fact]
    public void ShallowThreadedSeriesWithCoverIsOneCompleteRevision()
    {
        var t = new ThreadBuilder();
        t.Cover("c0", 3, "hwmon: add demo driver", v: 2);
        t.Patch("p1", 1, 3, "hwmon: one", v: 2, at: 1, replyTo: "c0");
        t.Patch("p2", 2, 3, "hwmon: two", v: 2, at: 1, replyTo: "c0");
        t.Patch("p3", 3, 3, "hwmon: three", v: 2, at: 1, replyTo: "c0");
        var topic = Single(t.Build());
        var r = Assert.Single(topic.Revisions);
        Assert.Equal("c0", r.CoverMessageId);
        Assert.Equal(2, r.Version);
        Assert.True(r.Complete);
        Assert.Equal([1, 2, 3], r.Patches.Select(p => p.Index));
    }

    // p1 ── p2 ── p3   (--thread=deep, no cover)
    [Fact]
    public void DeepThreadedSeriesWithoutCoverIsOneRevision()
    {
        var t = new ThreadBuilder();
        t.Patch("p1", 1, 3, "net: one");
        t.Patch("p2", 2, 3, "net: two", replyTo: "p1");
        t.Patch("p3", 3, 3, "net: three", replyTo: "p2");
        var r = Assert.Single(Single(t.Build()).Revisions);
        Assert.Null(r.CoverMessageId);
        Assert.Equal("p1", r.Id);
        Assert.True(r.Complete);
    }

    // p1   p2   p3   (no threading at all, sent within a minute)
    [Fact]
    public void UnthreadedPatchesSentTogetherAreOnePosting()
    {
        var t = new ThreadBuilder();
        t.Patch("p2", 2, 3, "mm: two", at: 1);
        t.Patch("p1", 1, 3, "mm: one", at: 0);
        t.Patch("p3", 3, 3, "mm: three", at: 2);
        var r = Assert.Single(Single(t.Build()).Revisions);
        Assert.True(r.Complete);
    }

    [Fact]
    public void UnthreadedPatchesDaysApartAreNotOnePosting()
    {
        var t = new ThreadBuilder();
        t.Patch("p1", 1, 2, "mm: one", at: 0);
        t.Patch("p2", 2, 2, "mm: two", at: 60 * 24 * 3);
        Assert.Equal(2, t.Build().SelectMany(x => x.Revisions).Count());
    }

    // c0 ─┬─ p1
    //     └─ (p2 never arrived)
    //     └─ p3
    [Fact]
    public void MissingPatchMakesTheRevisionIncomplete()
    {
        var t = new ThreadBuilder();
        t.Cover("c0", 3, "hwmon: demo");
        t.Patch("p1", 1, 3, "one", at: 1, replyTo: "c0");
        t.Patch("p3", 3, 3, "three", at: 1, replyTo: "c0");
        var r = Assert.Single(Single(t.Build()).Revisions);
        Assert.False(r.Complete);
        Assert.Equal([2], r.Missing);
    }

    [Fact]
    public void TheSameMailTwiceIsOneMail()
    {
        var t = new ThreadBuilder();
        var p = t.Patch("p1", 1, 1, "fix it");
        var assembler = new SeriesAssembler(Rules);
        Assert.True(assembler.Add(p));
        Assert.False(assembler.Add(p));
        Assert.Single(Assert.Single(assembler.Build()).Revisions);
    }

    // Two separate sendings of the same [PATCH 1/2] [PATCH 2/2]: two postings of one topic.
    [Fact]
    public void TheSameSeriesSentTwiceIsTwoPostings()
    {
        var t = new ThreadBuilder();
        t.Patch("a1", 1, 2, "usb: one");
        t.Patch("a2", 2, 2, "usb: two", replyTo: "a1");
        t.Patch("b1", 1, 2, "usb: one", at: 5);
        t.Patch("b2", 2, 2, "usb: two", at: 5, replyTo: "b1");
        var topic = Single(t.Build());
        Assert.Equal(["a1", "b1"], topic.Revisions.Select(r => r.Id));
        Assert.Equal("b1", topic.Revisions[0].SupersededBy);
    }

    [Fact]
    public void ResendKeepsTheVersionOfWhatItResends()
    {
        var t = new ThreadBuilder();
        t.Patch("p1", 1, 1, "hwmon: fix overflow", v: 3);
        t.Patch("r1", 1, 1, "hwmon: fix overflow", v: 3, resend: true, at: 60 * 24 * 14);
        var topic = Single(t.Build());
        Assert.Equal([3, 3], topic.Revisions.Select(r => r.Version));
        Assert.True(topic.Current.Resend);
        Assert.Equal("r1", topic.Revisions[0].SupersededBy);
    }

    [Fact]
    public void BotMailsNeverStartAPosting()
    {
        var t = new ThreadBuilder();
        t.Patch("p1", 1, 1, "hwmon: fix", from: Bot);
        Assert.Empty(t.Build());
    }
}

public sealed class PostingVersionTests
{
    // [PATCH 1/2] ── [PATCH v2 2/2]: the v2 patch is not part of v1's posting.
    [Fact]
    public void AnExplicitV2AnsweringAnUnversionedPatchIsAnotherPosting()
    {
        var t = new ThreadBuilder();
        t.Patch("a1", 1, 2, "test: add some lorem ipsum");
        t.Patch("b2", 2, 2, "test: convert to markdown", v: 2, at: 5, replyTo: "a1");
        var revisions = t.Build().SelectMany(x => x.Revisions).ToList();
        Assert.Equal(2, revisions.Count);
        Assert.All(revisions, r => Assert.Single(r.Patches));
    }

    // [PATCH net-next v3 0/4] with patches "[PATCH 1/4]": the patches are v3.
    [Fact]
    public void UnversionedPatchesUnderAVersionedCoverTakeItsVersion()
    {
        var t = new ThreadBuilder();
        t.Cover("c", 2, "net: dsa: ground work", v: 3);
        t.Patch("p1", 1, 2, "net: dsa: one", at: 1, replyTo: "c");
        t.Patch("p2", 2, 2, "net: dsa: two", at: 1, replyTo: "c");
        var r = Assert.Single(ThreadBuilder.Single(t.Build()).Revisions);
        Assert.Equal(3, r.Version);
        Assert.True(r.Complete);
    }
}
