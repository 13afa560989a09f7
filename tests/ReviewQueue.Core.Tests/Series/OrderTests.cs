using System.Text.Json;
using ReviewQueue.Core.Series;
using static ReviewQueue.Core.Tests.Series.ThreadBuilder;

namespace ReviewQueue.Core.Tests.Series;

/// <summary>The result depends on the set of mails, never on the order they arrived in.</summary>
public sealed class OrderTests
{
    static ThreadBuilder RichThread()
    {
        var t = new ThreadBuilder();
        t.Cover("c1", 3, "hwmon: (demo) add chip", changeId: "chip");
        for (int i = 1; i <= 3; i++)
            t.Patch($"a{i}", i, 3, $"hwmon: (demo) part {i}", at: 1, replyTo: "c1", patchId: i == 2 ? "changed-a" : $"same-{i}");
        t.Reply("r1", "c1", from: Mia, at: 60, trailers: ["Acked-by: Mia Maintainer <mia@example.org>"]);
        t.Reply("r2", "a2", from: Rob, at: 70, trailers: ["Reviewed-by: Rob Reviewer <rob@example.org>"]);
        t.Reply("r3", "r2", from: Ada, at: 80);
        t.Reply("r4", "r3", from: Rob, at: 90, trailers: ["Tested-by: Rob Reviewer <rob@example.org>"]);
        t.Reply("bot", "a1", from: Bot, at: 95);
        t.Cover("c2", 3, "hwmon: (demo) add chip", v: 2, at: 3000, changeId: "chip");
        for (int i = 1; i <= 3; i++)
            t.Patch($"b{i}", i, 3, $"hwmon: (demo) part {i}", v: 2, at: 3001, replyTo: "c2", patchId: i == 2 ? "changed-b" : $"same-{i}");
        t.Reply("r5", "b3", from: Rob, at: 3100, trailers: ["Reviewed-by: Rob Reviewer <rob@example.org>"]);
        t.Reply("nak", "b2", from: Mia, at: 3200, nak: true);
        t.Patch("solo", 1, 1, "MAINTAINERS: add demo", from: Rob, at: 50);
        t.Reply("ty", "solo", from: Mia, at: 4000, applied: new AppliedNote(null, []));
        return t;
    }

    static string Snapshot(IReadOnlyList<Topic> topics) => JsonSerializer.Serialize(topics);

    [Fact]
    public void AnyPermutationOfAThreadGivesTheSameTopicsAndTrailers()
    {
        var t = RichThread();
        var expected = Snapshot(t.Build());
        var random = new Random(20260105);
        for (int run = 0; run < 300; run++)
        {
            var shuffled = t.Mails.OrderBy(_ => random.Next()).ToList();
            Assert.Equal(expected, Snapshot(t.Build(shuffled)));
        }
    }

    [Fact]
    public void BuildingAfterEveryMailEndsTheSameAsBuildingOnce()
    {
        var t = RichThread();
        var expected = Snapshot(t.Build());
        var random = new Random(7);
        var assembler = new SeriesAssembler(Rules);
        IReadOnlyList<Topic> last = [];
        foreach (var m in t.Mails.OrderBy(_ => random.Next()))
        {
            assembler.Add(m);
            last = assembler.Build();
        }
        Assert.Equal(expected, Snapshot(last));
    }

    [Fact]
    public void TheRichThreadHasTheExpectedShape()
    {
        var topics = RichThread().Build();
        Assert.Equal(2, topics.Count);
        var chip = topics.Single(x => x.Title.Contains("chip"));
        Assert.Equal(2, chip.Revisions.Count);
        var v2 = chip.Current;
        // part 1 and 3 unchanged: Mia's ack on v1's cover carries to them (as `b4 trailers -u` adds a cover's
        // trailers to each commit it matches), Rob's review of a2 does not carry (a2 changed), Rob's review of b3 is fresh.
        var carried = Assert.Single(PatchAt(v2, 1).Trailers);
        Assert.Equal(("Acked-by", TrailerVia.EarlierRevision), (carried.Name, carried.AppliesVia));
        Assert.True(PatchAt(v2, 2).Objected);
        Assert.Equal(["r1", "r5"], PatchAt(v2, 3).Trailers.Select(x => x.GivenIn).Order());
        var v1 = chip.Revisions[0];
        Assert.Equal(["Acked-by", "Reviewed-by", "Tested-by"], PatchAt(v1, 2).Trailers.Select(x => x.Name).Order());
    }
}
