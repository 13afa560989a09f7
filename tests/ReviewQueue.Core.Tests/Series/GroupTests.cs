using System.Text.Json;
using ReviewQueue.Core.Series;
using static ReviewQueue.Core.Tests.Series.ThreadBuilder;

namespace ReviewQueue.Core.Tests.Series;

public sealed class GroupTests
{
    static int GroupOf(ThreadBuilder t, int[] groups, string id) => groups[t.Mails.FindIndex(m => m.MessageId == id)];

    /// <summary>Each topic as JSON, sorted by topic id: the whole record, lists and all.</summary>
    static List<string> Dump(IEnumerable<Topic> topics) =>
        topics.OrderBy(t => t.Id, StringComparer.Ordinal).Select(t => JsonSerializer.Serialize(t)).ToList();

    static int[] Groups(ThreadBuilder t) => SeriesGroups.Of(t.Mails, Rules.IsBot);

    /// <summary>Assembling each group alone gives what assembling all of them at once gives.</summary>
    static void AssertGroupsAssembleAsTheWhole(ThreadBuilder t)
    {
        var groups = Groups(t);
        var whole = t.Build();
        var pieces = t.Mails.Select((m, i) => (m, g: groups[i])).GroupBy(x => x.g)
            .SelectMany(g =>
            {
                var assembler = new SeriesAssembler(Rules);
                foreach (var (m, _) in g)
                    assembler.Add(m);
                return assembler.Build();
            });
        Assert.Equal(Dump(whole), Dump(pieces));
    }

    // c0 ─┬─ p1 ── r1 (Reviewed-by)      d1   (another sender's unrelated patch)
    //     └─ p2
    [Fact]
    public void ARepliedThreadIsOneGroupAndAnUnrelatedPatchAnother()
    {
        var t = new ThreadBuilder();
        t.Cover("c0", 2, "hwmon: add demo driver");
        t.Patch("p1", 1, 2, "hwmon: demo: one", at: 1, replyTo: "c0");
        t.Patch("p2", 2, 2, "hwmon: demo: two", at: 1, replyTo: "c0");
        t.Reply("r1", "p1", trailers: ["Reviewed-by: Rob Reviewer <rob@example.org>"]);
        t.Patch("d1", 1, 1, "net: unrelated fix", at: 3, from: Mia);
        var groups = Groups(t);
        Assert.All(new[] { "p1", "p2", "r1" }, id => Assert.Equal(GroupOf(t, groups, "c0"), GroupOf(t, groups, id)));
        Assert.NotEqual(GroupOf(t, groups, "c0"), GroupOf(t, groups, "d1"));
        Assert.Equal(2, groups.Distinct().Count());
        AssertGroupsAssembleAsTheWhole(t);
    }

    // v1 on day 0 and v2 a week later, not threaded: one topic by sender and title, so one group;
    // another sender's patch of the same title is neither.
    [Fact]
    public void RevisionsLinkedByTitleOrChangeIdShareAGroup()
    {
        var t = new ThreadBuilder();
        t.Patch("a1", 1, 1, "hwmon: fix the demo limits");
        t.Patch("a2", 1, 1, "hwmon: fix the demo limits", v: 2, at: 60 * 24 * 7);
        t.Patch("m1", 1, 1, "hwmon: fix the demo limits", at: 5, from: Mia);
        t.Patch("c1", 1, 1, "pmbus: one title", changeId: "20260105-demo-v1-abc", at: 60 * 24);
        t.Patch("c2", 1, 1, "pmbus: quite another title", v: 2, changeId: "20260105-demo-v1-abc", at: 60 * 24 * 3);
        var groups = Groups(t);
        Assert.Equal(GroupOf(t, groups, "a1"), GroupOf(t, groups, "a2"));
        Assert.NotEqual(GroupOf(t, groups, "a1"), GroupOf(t, groups, "m1"));
        Assert.Equal(GroupOf(t, groups, "c1"), GroupOf(t, groups, "c2"));
        Assert.NotEqual(GroupOf(t, groups, "a1"), GroupOf(t, groups, "c1"));
        AssertGroupsAssembleAsTheWhole(t);
    }

    // v3 and v4 of one title by one person from two addresses: one topic by the sender's full name, so one group.
    [Fact]
    public void RevisionsFromTwoAddressesOfOneFullNameShareAGroup()
    {
        var t = new ThreadBuilder();
        t.Patch("a3", 1, 1, "hwmon: add MP5920 driver", v: 3, from: "alex@first.example", name: "Alex Vdovydchenko");
        t.Patch("a4", 1, 1, "hwmon: add MP5920 driver", v: 4, at: 60 * 24, from: "alex@second.example", name: "Alex Vdovydchenko");
        var groups = Groups(t);
        Assert.Equal(GroupOf(t, groups, "a3"), GroupOf(t, groups, "a4"));
        AssertGroupsAssembleAsTheWhole(t);
    }

    // v1 "hwmon: fix the demo limits", v2 "hwmon: (demo) fix the demo limits" a week later, not threaded: one topic by
    // the tag added, so one group; the same title tagged for another driver, same sender, joins the group too (the
    // grouping looks at neither versions nor files: larger than needed, never smaller).
    [Fact]
    public void ARevisionThatAddsADriverTagSharesAGroup()
    {
        var t = new ThreadBuilder();
        t.Patch("a1", 1, 1, "hwmon: fix the demo limits");
        t.Patch("a2", 1, 1, "hwmon: (demo) fix the demo limits", v: 2, at: 60 * 24 * 7);
        t.Patch("o1", 1, 1, "hwmon: (other) fix the demo limits", at: 60 * 24 * 9, files: ["drivers/hwmon/other.c"]);
        t.Patch("m1", 1, 1, "hwmon: (demo) fix the demo limits", v: 2, at: 5, from: Mia);
        Assert.Equal(3, t.Build().Count);
        var groups = Groups(t);
        Assert.Equal(GroupOf(t, groups, "a1"), GroupOf(t, groups, "a2"));
        Assert.NotEqual(GroupOf(t, groups, "a1"), GroupOf(t, groups, "m1"));
        AssertGroupsAssembleAsTheWhole(t);
    }

    // p1   p2   p3 sent unthreaded within minutes (one posting), and q1 three days later.
    [Fact]
    public void UnthreadedPatchesSentTogetherShareAGroupButNotWithOnesDaysLater()
    {
        var t = new ThreadBuilder();
        t.Patch("p1", 1, 3, "mm: one", at: 0);
        t.Patch("p2", 2, 3, "mm: two", at: 1);
        t.Patch("p3", 3, 3, "mm: three", at: 2);
        t.Patch("q1", 1, 2, "mm: four", at: 60 * 24 * 3);
        t.Patch("q2", 2, 2, "mm: five", at: 60 * 24 * 3 + 1);
        var groups = Groups(t);
        Assert.Equal(GroupOf(t, groups, "p1"), GroupOf(t, groups, "p3"));
        Assert.Equal(GroupOf(t, groups, "q1"), GroupOf(t, groups, "q2"));
        Assert.NotEqual(GroupOf(t, groups, "p1"), GroupOf(t, groups, "q1"));
        AssertGroupsAssembleAsTheWhole(t);
    }

    // A day of single patches from one sender, ten minutes apart, each with its own title: single patches
    // never merge, so each is a group of its own (the line of one prolific sender is no giant group).
    [Fact]
    public void SinglePatchesOfOneSenderMinutesApartAreGroupsOfTheirOwn()
    {
        var t = new ThreadBuilder();
        for (int i = 0; i < 144; i++)
            t.Patch($"s{i}", 1, 1, $"hwmon: fix number {i}", at: 10 * i, counters: false);
        Assert.Equal(144, Groups(t).Distinct().Count());
        AssertGroupsAssembleAsTheWhole(t);
    }

    // Two complete threaded series by one sender for two stable trees (AUTOSEL-like), sharing the title of
    // their second patch only: assembly reads a posting's cover and first-patch titles, so they are two topics,
    // and keyed per posting they are two groups. Keyed by every patch's title, every such series on a stable
    // list would chain into one giant group.
    [Fact]
    public void SeriesSharingOnlyALaterPatchTitleAreTwoGroups()
    {
        var t = new ThreadBuilder();
        t.Cover("a0", 2, "6.6 stable picks for this week", from: Mia);
        t.Patch("a1", 1, 2, "hwmon: (foo) fix one thing", replyTo: "a0", from: Mia);
        t.Patch("a2", 2, 2, "hwmon: (bar) fix another thing", replyTo: "a0", from: Mia);
        t.Cover("b0", 2, "6.1 stable picks for this week", at: 120, from: Mia);
        t.Patch("b1", 1, 2, "hwmon: (baz) fix a third thing", at: 120, replyTo: "b0", from: Mia);
        t.Patch("b2", 2, 2, "hwmon: (bar) fix another thing", at: 120, replyTo: "b0", from: Mia);
        Assert.Equal(2, t.Build().Count);
        var groups = Groups(t);
        Assert.NotEqual(GroupOf(t, groups, "a0"), GroupOf(t, groups, "b0"));
        AssertGroupsAssembleAsTheWhole(t);
    }

    // A posting without patch 1 (an AUTOSEL pick of 78/83 alone) is linked by the title of the first patch it
    // has: a later repost of that patch alone by the same sender is the same topic, so the same group.
    [Fact]
    public void APostingWithoutItsFirstPatchJoinsByTheFirstPatchItHas()
    {
        var t = new ThreadBuilder();
        t.Patch("x78", 78, 83, "hwmon: (pmbus) fix the sign of a limit", from: Mia);
        t.Patch("y78", 12, 40, "hwmon: (pmbus) fix the sign of a limit", at: 60 * 24 * 9, from: Mia);
        Assert.Single(t.Build());
        var groups = Groups(t);
        Assert.Equal(GroupOf(t, groups, "x78"), GroupOf(t, groups, "y78"));
        AssertGroupsAssembleAsTheWhole(t);
    }

    // Replies to a mail the archive lacks: each is a thread of its own for assembly; they share the one id
    // they name, and the grouping joins by it (larger than needed, never smaller).
    [Fact]
    public void MailsNamingOneMissingParentShareAGroup()
    {
        var t = new ThreadBuilder();
        t.Patch("p1", 1, 2, "mm: one", replyTo: "missing");
        t.Patch("p2", 2, 2, "mm: two", at: 1, replyTo: "p1");
        t.Reply("r1", "missing", from: Rob, at: 5, trailers: ["Acked-by: Rob Reviewer <rob@example.org>"]);
        var groups = Groups(t);
        Assert.Single(groups.Distinct());
        AssertGroupsAssembleAsTheWhole(t);
    }

    // A reply stored before the patch it answers, and a v2 threaded under v1 stored first: the order mails are
    // added in does not split a thread.
    [Fact]
    public void MailsAddedBeforeTheirParentsStillShareTheirGroup()
    {
        var t = new ThreadBuilder();
        t.Reply("r1", "p1", from: Rob, at: 30, trailers: ["Reviewed-by: Rob Reviewer <rob@example.org>"]);
        t.Patch("q1", 1, 1, "hwmon: demo: tidy the probe", v: 2, at: 60, replyTo: "p1");
        t.Patch("p1", 1, 1, "hwmon: demo: clean up the probe", at: 0);
        t.Patch("z1", 1, 1, "net: something else entirely", at: 10, from: Mia);
        var groups = Groups(t);
        Assert.Equal(GroupOf(t, groups, "p1"), GroupOf(t, groups, "r1"));
        Assert.Equal(GroupOf(t, groups, "p1"), GroupOf(t, groups, "q1"));
        Assert.NotEqual(GroupOf(t, groups, "p1"), GroupOf(t, groups, "z1"));
        AssertGroupsAssembleAsTheWhole(t);
    }

    // Bursts of unthreaded patches 15 minutes apart chain into one group, though assembly merges only those
    // within 20 minutes of a posting's first: a chain is joined whole, and assembling it alone is still right.
    [Fact]
    public void UnthreadedPatchesInAChainOfShortStepsShareAGroup()
    {
        var t = new ThreadBuilder();
        t.Patch("a1", 1, 2, "mm: one", at: 0);
        t.Patch("a2", 2, 2, "mm: two", at: 15);
        t.Patch("b1", 1, 2, "mm: three", at: 30);
        t.Patch("b2", 2, 2, "mm: four", at: 45);
        var groups = Groups(t);
        Assert.Single(groups.Distinct());
        Assert.Equal(2, t.Build().Count);
        AssertGroupsAssembleAsTheWhole(t);
    }

    // Random mail of every kind the rules look at: few senders and titles (so titles and senders collide), versions,
    // partial re-rolls, resends, change-ids, counters, unthreaded bursts minutes apart and re-posts days later,
    // replies with trailers, NAKs and Applied notes, parents present, missing or arriving later, copies of one
    // Message-ID. Whatever the mail, assembling group by group gives the topics assembling all of it gives.
    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomMailAssembledGroupByGroupIsTheWhole(int seed)
    {
        var random = new Random(seed);
        var t = new ThreadBuilder();
        string[] senders = [Ada, Mia, Ada, Mia, Rob, Bot];
        string[] titles = ["hwmon: fix the demo limits", "hwmon: (pmbus) add a sensor", "mm: tidy the probe path", "net: fix a leak", "hwmon: demo: two",
            "hwmon: (demo) fix the demo limits", "hwmon: add a sensor"];
        string?[] changes = [null, null, null, "20260105-demo-v1-abc", "20260106-other-v1-def"];
        var ids = new List<string>();
        string? Parent() => ids.Count == 0 || random.Next(3) == 0 ? null : random.Next(8) == 0 ? $"missing{random.Next(3)}" : ids[random.Next(ids.Count)];
        int At() => random.Next(4) == 0 ? random.Next(5) * 60 * 24 + random.Next(60) : random.Next(90);
        for (int i = 0; i < 40; i++)
        {
            string id = ids.Count > 0 && random.Next(25) == 0 ? ids[random.Next(ids.Count)] : $"m{i}";
            ids.Add(id);
            string from = senders[random.Next(senders.Length)];
            int? v = random.Next(3) == 0 ? null : random.Next(1, 4);
            switch (random.Next(5))
            {
                case 0:
                    t.Cover(id, random.Next(2, 4), titles[random.Next(titles.Length)], v, At(), from, Parent(), changes[random.Next(changes.Length)],
                        resend: random.Next(8) == 0);
                    break;
                case 1 or 2:
                    int total = random.Next(1, 4);
                    t.Patch(id, random.Next(1, total + 1), total, titles[random.Next(titles.Length)], v, At(), from, Parent(),
                        patchId: $"pid-{random.Next(6)}", minor: random.Next(10) == 0 ? 1 : null, counters: total > 1 || random.Next(2) == 0,
                        resend: random.Next(8) == 0, changeId: changes[random.Next(changes.Length)]);
                    break;
                default:
                    var parent = Parent() ?? $"missing{random.Next(3)}";
                    t.Reply(id, parent, senders[random.Next(senders.Length)], At(),
                        random.Next(2) == 0 ? [$"Reviewed-by: Rob Reviewer <{Rob}>"] : random.Next(2) == 0 ? [$"Acked-by: Mia Maintainer <{Mia}>"] : null,
                        nak: random.Next(12) == 0, applied: random.Next(12) == 0 ? new AppliedNote(null, []) : null, withdraws: random.Next(20) == 0);
                    break;
            }
            // Threaded by References alone, or answering a mail the archive lacks while naming present ones above it.
            if (ids.Count > 1 && random.Next(4) == 0)
                t.Mails[^1] = t.Mails[^1] with
                {
                    InReplyTo = random.Next(2) == 0 ? null : $"missing{random.Next(3)}",
                    References = [ids[random.Next(ids.Count - 1)], random.Next(2) == 0 ? ids[random.Next(ids.Count - 1)] : $"missing{random.Next(3)}"],
                };
        }
        AssertGroupsAssembleAsTheWhole(t);
    }

    public static TheoryData<int> Seeds() => new(Enumerable.Range(0, 300));

    [Fact]
    public void CopiesOfOneMessageIdShareAGroup()
    {
        var t = new ThreadBuilder();
        t.Patch("p1", 1, 1, "hwmon: first copy of it", at: 0);
        t.Patch("p1", 1, 1, "hwmon: second copy of it", at: 60 * 24 * 30, replyTo: "elsewhere");
        var groups = Groups(t);
        Assert.Equal(groups[0], groups[1]);
    }
}
