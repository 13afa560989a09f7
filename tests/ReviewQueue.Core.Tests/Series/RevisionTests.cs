using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using static ReviewQueue.Core.Tests.Series.ThreadBuilder;

namespace ReviewQueue.Core.Tests.Series;

public sealed class RevisionTests
{
    const int Day = 60 * 24;

    // [PATCH 0/2] … then [PATCH v2 0/2] … then [PATCH v3 0/2] …, same title, same sender, no links.
    [Fact]
    public void RevisionsOfOneTitleAndSenderFormOneTopicAndTheNewestSupersedes()
    {
        var t = new ThreadBuilder();
        foreach (var (v, at) in new[] { (1, 0), (2, Day), (3, 2 * Day) })
        {
            var ver = v == 1 ? (int?)null : v;
            t.Cover($"c{v}", 2, "hwmon: (demo) rework", v: ver, at: at);
            t.Patch($"v{v}p1", 1, 2, "hwmon: (demo) one", v: ver, at: at, replyTo: $"c{v}");
            t.Patch($"v{v}p2", 2, 2, "hwmon: (demo) two", v: ver, at: at, replyTo: $"c{v}");
        }
        var topic = Single(t.Build());
        Assert.Equal([1, 2, 3], topic.Revisions.Select(r => r.Version));
        Assert.Equal(["first", "title", "title"], topic.Revisions.Select(r => r.LinkedBy));
        Assert.Equal("c3", topic.Revisions[0].SupersededBy);
        Assert.Equal("c3", topic.Revisions[1].SupersededBy);
        Assert.Null(topic.Current.SupersededBy);
        Assert.Equal(ReviewState.Superseded, ReviewStates.Of(topic.Revisions[0], Policy));
        // Each was superseded when the next came: v1 by v2's posting, not by v3's.
        Assert.Equal([topic.Revisions[1].Posted, topic.Revisions[2].Posted, null], topic.Revisions.Select(r => r.SupersededAt));
        var asOfV2 = topic.AsOf(topic.Revisions[1].Posted.AddMinutes(1))!;
        Assert.Equal([topic.Revisions[1].Posted, null], asOfV2.Revisions.Select(r => r.SupersededAt));
    }

    [Fact]
    public void ChangeIdLinksRevisionsEvenWhenTheTitleChanged()
    {
        var t = new ThreadBuilder();
        t.Cover("c1", 1, "iio: add thing", changeId: "20260105-thing-abc");
        t.Patch("a", 1, 1, "iio: add thing", replyTo: "c1");
        t.Cover("c2", 1, "iio: add the better thing", v: 2, at: Day, changeId: "20260105-thing-abc");
        t.Patch("b", 1, 1, "iio: add the better thing", v: 2, at: Day, replyTo: "c2");
        var topic = Single(t.Build());
        Assert.Equal("change-id", topic.Revisions[1].LinkedBy);
        Assert.Equal("iio: add the better thing", topic.Title);
    }

    // hwmon, July 2024: "[PATCH v3 0/2] Add MPS MP5920 Host-Swap controller" from Alex Vdovydchenko <keromvp@…>, then v4
    // of the same title from Alex Vdovydchenko <xzeol@…>; v4 was applied, so v3 must not wait on.
    [Fact]
    public void ANextRevisionSentFromAnotherAddressUnderTheSameFullNameIsLinkedByTitle()
    {
        var t = new ThreadBuilder();
        t.Cover("c3", 1, "Add MPS MP5920 Host-Swap controller", v: 3, from: "alex@first.example", name: "Alex Vdovydchenko");
        t.Patch("p3", 1, 1, "hwmon: add MP5920 driver", v: 3, from: "alex@first.example", name: "Alex Vdovydchenko", replyTo: "c3");
        t.Cover("c4", 1, "Add MPS MP5920 Host-Swap controller", v: 4, at: Day, from: "alex@second.example", name: "alex  vdovydchenko");
        t.Patch("p4", 1, 1, "hwmon: add MP5920 driver", v: 4, at: Day, from: "alex@second.example", name: "alex  vdovydchenko", replyTo: "c4");
        var topic = Single(t.Build());
        Assert.Equal([3, 4], topic.Revisions.Select(r => r.Version));
        Assert.Equal("title", topic.Revisions[1].LinkedBy);
        Assert.Equal("c4", topic.Revisions[0].SupersededBy);
    }

    // A name of one word ("Wenliang", "root") or none says too little to join two addresses; other people's
    // postings of one title stay apart as before.
    [Theory]
    [InlineData("Wenliang", "Wenliang")]
    [InlineData("", "")]
    [InlineData("Alex Vdovydchenko", "Alex Other")]
    public void PostingsFromTwoAddressesWithoutTheSameFullNameAreTwoTopics(string first, string second)
    {
        var t = new ThreadBuilder();
        t.Patch("a", 1, 1, "hwmon: (ina2xx) add SY24655", from: "one@first.example", name: first);
        t.Patch("b", 1, 1, "hwmon: (ina2xx) add SY24655", v: 2, at: Day, from: "two@second.example", name: second);
        Assert.Equal(2, t.Build().Count);
    }

    [Fact]
    public void AV2FromAnotherAddressThreadedUnderV1IsLinkedByThreadWhenTheFullNameIsTheSame()
    {
        var t = new ThreadBuilder();
        t.Patch("v1", 1, 1, "spi: tidy up", from: "kim@old.example", name: "Kim Developer");
        t.Patch("v2", 1, 1, "spi: tidy up the driver", v: 2, at: Day, replyTo: "v1", from: "kim@new.example", name: "Kim Developer");
        var topic = Single(t.Build());
        Assert.Equal("thread", topic.Revisions[1].LinkedBy);
    }

    [Fact]
    public void AV2ThreadedUnderV1IsLinkedByThread()
    {
        var t = new ThreadBuilder();
        t.Patch("v1", 1, 1, "spi: tidy up");
        t.Patch("v2", 1, 1, "spi: tidy up the driver", v: 2, at: Day, replyTo: "v1");
        var topic = Single(t.Build());
        Assert.Equal("thread", topic.Revisions[1].LinkedBy);
    }

    [Fact]
    public void AnUnversionedRepostByTheSameAuthorIsTheNextRevision()
    {
        var t = new ThreadBuilder();
        t.Patch("a", 1, 1, "gpio: fix leak");
        t.Patch("b", 1, 1, "gpio: fix leak", at: 3 * Day);
        var topic = Single(t.Build());
        Assert.Equal([1, 2], topic.Revisions.Select(r => r.Version));
        Assert.True(topic.Revisions[1].VersionInferred);
    }

    [Fact]
    public void TheSameTitleFromAnotherSenderIsAnotherTopic()
    {
        var t = new ThreadBuilder();
        t.Patch("a", 1, 1, "MAINTAINERS: update my address");
        t.Patch("b", 1, 1, "MAINTAINERS: update my address", from: Rob, at: Day);
        Assert.Equal(2, t.Build().Count);
    }

    // v5: c5 ─ p1..p3;  [PATCH v5.1 2/3] answers v5's 2/3: v5.1 is v5 with that patch replaced, v5 stays as posted.
    [Fact]
    public void APartialRerollV51ReplacesOnePatchOfV5()
    {
        var t = new ThreadBuilder();
        t.Cover("c5", 3, "drm: series", v: 5);
        for (int i = 1; i <= 3; i++)
            t.Patch($"p{i}", i, 3, $"drm: part {i}", v: 5, replyTo: "c5");
        t.Patch("p2b", 2, 3, "drm: part 2", v: 5, minor: 1, at: Day, replyTo: "p2");
        var topic = Single(t.Build());
        Assert.Equal(["v5", "v5.1"], topic.Revisions.Select(r => r.VersionLabel));
        Assert.Equal(["p1", "p2", "p3"], topic.Revisions[0].Patches.Select(p => p.MessageId));
        Assert.Equal(["p1", "p2b", "p3"], topic.Current.Patches.Select(p => p.MessageId));
        Assert.Equal("c5", topic.Current.CoverMessageId);
        Assert.Equal("drm: series", topic.Title);
    }

    // v1: p1 p2 p3 (deep);  v2 re-sends only 2/3, answering v1's 2/3: the rest comes from v1.
    [Fact]
    public void AV2ThatResendsOnePatchTakesTheOthersFromV1()
    {
        var t = new ThreadBuilder();
        t.Patch("a1", 1, 3, "fs: one");
        t.Patch("a2", 2, 3, "fs: two", replyTo: "a1");
        t.Patch("a3", 3, 3, "fs: three", replyTo: "a2");
        t.Patch("b2", 2, 3, "fs: two", v: 2, at: Day, replyTo: "a2");
        var topic = Single(t.Build());
        Assert.Equal(2, topic.Revisions.Count);
        var v2 = topic.Current;
        Assert.True(v2.Complete);
        Assert.Equal(["a1", "b2", "a3"], v2.Patches.Select(p => p.MessageId));
        Assert.Equal("a1", v2.Patches[0].TakenFromRevision);
        Assert.Null(v2.Patches[1].TakenFromRevision);
        // The series' title (its first patch's), not the re-sent patch's.
        Assert.Equal("fs: one", v2.Title);
        Assert.Equal("fs: one", topic.Title);
    }

    [Fact]
    public void AsOfADayBeforeV2TheFirstRevisionIsNotSuperseded()
    {
        var t = new ThreadBuilder();
        t.Patch("a", 1, 1, "gpio: fix leak");
        t.Patch("b", 1, 1, "gpio: fix leak", v: 2, at: 3 * Day);
        var then = Single(t.Build(asOf: Start.AddDays(1)));
        var r = Assert.Single(then.Revisions);
        Assert.Null(r.SupersededBy);
        Assert.Equal(2, Single(t.Build()).Revisions.Count);
    }
}
