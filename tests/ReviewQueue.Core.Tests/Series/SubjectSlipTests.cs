using ReviewQueue.Core.Series;
using static ReviewQueue.Core.Tests.Series.ThreadBuilder;

namespace ReviewQueue.Core.Tests.Series;

/// <summary>
/// Slips of the hand in subjects that real lists carry (a colon after the brackets, a version typo on one patch,
/// backports sent without threading), written as whole mails and read as the import reads them: none may split
/// a posting, merge two, or make a revision nobody posted.
/// </summary>
public sealed class SubjectSlipTests
{
    const int Day = 60 * 24;

    // "[PATCH] hwmon: (demo) fix the limit", a week later "[PATCH v2]: hwmon: (demo) fix the limit" (unthreaded).
    [Fact]
    public void AColonAfterTheBracketsDoesNotKeepARevisionFromItsTopic()
    {
        var topics = Build(
            Patch("[PATCH] hwmon: (demo) fix the limit", "a", 0),
            Patch("[PATCH v2]: hwmon: (demo) fix the limit", "b", 7 * Day, seed: 1));
        var topic = Single(topics);
        Assert.Equal([1, 2], topic.Revisions.Select(r => r.Version));
        Assert.Equal("hwmon: (demo) fix the limit", topic.Current.Title);
        Assert.Equal("title", topic.Current.LinkedBy);
    }

    // "[Patch 2/2]: fix two" under a cover: the patch's own title has no colon either.
    [Fact]
    public void APatchWithAColonAfterItsCounterHasTheTitleGitGivesIt()
    {
        var topics = Build(
            Cover("[PATCH 0/2] hwmon: (demo) two small fixes", "c0", 0),
            Patch("[Patch 1/2]: hwmon: (demo) fix one", "p1", 1, replyTo: "c0"),
            Patch("[Patch 2/2]: hwmon: (demo) fix two", "p2", 2, replyTo: "c0", seed: 1));
        var r = Assert.Single(Single(topics).Revisions);
        Assert.True(r.Complete);
        Assert.Equal(["hwmon: (demo) fix one", "hwmon: (demo) fix two"], r.Patches.Select(p => p.Title));
    }

    // A bare "v3" ending the title is a word of the title (git and b4 agree): "[PATCH v2] x … v3" and
    // "[PATCH v3] x … v3" are v2 and v3 of one topic, linked by their title.
    [Fact]
    public void AVersionWordEndingTheTitleIsPartOfTheTitleAndRevisionsStillLink()
    {
        var topics = Build(
            Patch("[PATCH] hwmon: foo: add bar v3", "a", 0),
            Patch("[PATCH v2] hwmon: foo: add bar v3", "b", 7 * Day, seed: 1),
            Patch("[PATCH v3] hwmon: foo: add bar v3", "c", 14 * Day, seed: 2));
        var topic = Single(topics);
        Assert.Equal([1, 2, 3], topic.Revisions.Select(r => r.Version));
        Assert.Equal([true, false, false], topic.Revisions.Select(r => r.VersionInferred));
        Assert.All(topic.Revisions, r => Assert.Equal("hwmon: foo: add bar v3", r.Title));
        Assert.Equal(["c@example.org", "c@example.org", null], topic.Revisions.Select(r => r.SupersededBy));
    }

    // Two single-patch backports of one fix, sent minutes apart without threading: two trees, two topics.
    [Fact]
    public void UnthreadedSinglePatchBackportsMinutesApartAreTwoTopics()
    {
        var topics = Build(
            Patch("[PATCH 5.10] hwmon: (demo) fix the limit", "b510", 0),
            Patch("[PATCH 6.1] hwmon: (demo) fix the limit", "b61", 3, seed: 1));
        Assert.Equal(2, topics.Count);
        Assert.Equal(["b510@example.org", "b61@example.org"], topics.Select(t => Assert.Single(Assert.Single(t.Revisions).Patches).MessageId).Order());
        Assert.All(topics, t => Assert.Null(Assert.Single(t.Revisions).SupersededBy));
    }

    // Two-patch backports to 5.10 and 6.1 sent without threading in one go (git send-email --no-thread), the
    // mails arriving interleaved: each tree's patches make its own complete posting.
    [Fact]
    public void UnthreadedBackportSeriesToTwoTreesSentTogetherStayApart()
    {
        var topics = Build(
            Patch("[PATCH 5.10 1/2] hwmon: (demo) fix one", "a1", 0),
            Patch("[PATCH 6.1 2/2] hwmon: (demo) fix two", "b2", 1, seed: 3),
            Patch("[PATCH 6.1 1/2] hwmon: (demo) fix one", "b1", 2, seed: 2),
            Patch("[PATCH 5.10 2/2] hwmon: (demo) fix two", "a2", 3, seed: 1));
        Assert.Equal(2, topics.Count);
        foreach (var t in topics)
        {
            var r = Assert.Single(t.Revisions);
            Assert.True(r.Complete);
            var ids = r.Patches.Select(p => p.MessageId[..1]).Distinct();
            Assert.Single(ids);
        }
    }

    // "[PATCH 5.10 1/2]" and "[PATCH 2/2]" (the tree left off one subject), sent together without threading:
    // one complete posting for 5.10, as it was before the tree became part of what unthreaded postings share.
    // Beside it the 6.1 pair stays its own.
    [Fact]
    public void AnUnthreadedBackportWithTheTreeLeftOffOnePatchIsStillOnePosting()
    {
        var topics = Build(
            Patch("[PATCH 5.10 1/2] hwmon: (demo) fix one", "a1", 0),
            Patch("[PATCH 2/2] hwmon: (demo) fix two", "a2", 1, seed: 1),
            Patch("[PATCH 6.1 1/2] hwmon: (demo) fix one", "b1", 5, seed: 2),
            Patch("[PATCH 6.1 2/2] hwmon: (demo) fix two", "b2", 6, seed: 3));
        Assert.Equal(2, topics.Count);
        var postings = topics.Select(t => Assert.Single(t.Revisions)).ToList();
        Assert.All(postings, r => Assert.True(r.Complete));
        Assert.Equal(["a1,a2", "b1,b2"], postings.Select(r => string.Join(",", r.Patches.Select(p => p.MessageId[..2]))).Order());
        Assert.Equal(["5.10", "6.1"], postings.Select(r => r.StableTree).Order());
    }

    // Mainline and its 5.10 backport sent together without threading, interleaved: [PATCH 1/2], [PATCH 5.10 1/2],
    // [PATCH 5.10 2/2], [PATCH 2/2]. The backport's 2/2 may not fill the mainline posting's gap.
    [Fact]
    public void MainlineAndItsBackportSentTogetherStayTwoPostings()
    {
        var topics = Build(
            Patch("[PATCH 1/2] hwmon: (demo) fix one", "m1", 0),
            Patch("[PATCH 5.10 1/2] hwmon: (demo) fix one", "a1", 1, seed: 1),
            Patch("[PATCH 5.10 2/2] hwmon: (demo) fix two", "a2", 2, seed: 2),
            Patch("[PATCH 2/2] hwmon: (demo) fix two", "m2", 3, seed: 3));
        var postings = topics.SelectMany(t => t.Revisions).ToList();
        Assert.Equal(["a1,a2 5.10", "m1,m2 -"], postings.Select(Members).Order());
        Assert.All(postings, r => Assert.True(r.Complete));
    }

    // [PATCH 6.1 1/2], [PATCH 5.10 1/2], then "[PATCH 2/2]" naming no tree, then [PATCH 6.1 2/2]: the tree-less
    // 2/2 could complete either backport, so it joins neither; 6.1 takes its own 2/2.
    [Fact]
    public void ATreelessPatchTwoBackportsCouldTakeJoinsNeither()
    {
        var topics = Build(
            Patch("[PATCH 6.1 1/2] hwmon: (demo) fix one", "b1", 0),
            Patch("[PATCH 5.10 1/2] hwmon: (demo) fix one", "a1", 1, seed: 1),
            Patch("[PATCH 2/2] hwmon: (demo) fix two", "x2", 2, seed: 2),
            Patch("[PATCH 6.1 2/2] hwmon: (demo) fix two", "b2", 3, seed: 3));
        var postings = topics.SelectMany(t => t.Revisions).ToList();
        Assert.Equal(["a1 5.10", "b1,b2 6.1", "x2 -"], postings.Select(Members).Order());
    }

    // "[PATCH v2] hwmon: (demo) fix the limit", then its backport "[PATCH v3 6.1] …" in reply to it: the backport is
    // no v3 of the mainline work (which would then stand as a backport, out of the debt), but a topic of its own.
    [Fact]
    public void ABackportAnsweringMainlineWorkIsNoRevisionOfIt()
    {
        var topics = Build(
            Patch("[PATCH v2] hwmon: (demo) fix the limit", "m", 0),
            Patch("[PATCH v3 6.1] hwmon: (demo) fix the limit", "b", 3 * Day, replyTo: "m", seed: 1));
        Assert.Equal(2, topics.Count);
        Assert.All(topics, t => Assert.Single(t.Revisions));
        Assert.Equal(["6.1", null], topics.OrderBy(t => t.Current.StableTree is null).Select(t => t.Current.StableTree));
    }

    static string Members(SeriesRevision r) => $"{string.Join(",", r.Patches.Select(p => p.MessageId[..2]))} {r.StableTree ?? "-"}";

    // v1: c1 ─ 1/3 2/3 3/3.  A week later v2: c2 ─ [PATCH v2 1/3], [PATCH v3 2/3] (typo), [PATCH v2 3/3],
    // all answering c2, sent in the same minute.
    [Fact]
    public void AVersionTypoOnOnePatchUnderItsCoverMakesNoRevisionOfItsOwn()
    {
        var topics = Build(
            Cover("[PATCH 0/3] hwmon: (demo) three small fixes", "c1", 0),
            Patch("[PATCH 1/3] hwmon: (demo) fix one", "p11", 0, replyTo: "c1"),
            Patch("[PATCH 2/3] hwmon: (demo) fix two", "p12", 0, replyTo: "c1", seed: 1),
            Patch("[PATCH 3/3] hwmon: (demo) fix three", "p13", 0, replyTo: "c1", seed: 2),
            Cover("[PATCH v2 0/3] hwmon: (demo) three small fixes", "c2", 7 * Day),
            Patch("[PATCH v2 1/3] hwmon: (demo) fix one", "p21", 7 * Day, replyTo: "c2", seed: 3),
            Patch("[PATCH v3 2/3] hwmon: (demo) fix two", "p22", 7 * Day, replyTo: "c2", seed: 4),
            Patch("[PATCH v2 3/3] hwmon: (demo) fix three", "p23", 7 * Day, replyTo: "c2", seed: 5));
        var topic = Single(topics);
        Assert.Equal([1, 2], topic.Revisions.Select(r => r.Version));
        var v2 = topic.Current;
        Assert.True(v2.Complete);
        Assert.Equal("c2@example.org", v2.CoverMessageId);
        Assert.Equal(["p21@example.org", "p22@example.org", "p23@example.org"], v2.Patches.Select(p => p.MessageId));
        Assert.Null(v2.SupersededBy);
        Assert.Equal("c2@example.org", topic.Revisions[0].SupersededBy);
    }

    // The same shape without the typo's excuse: a whole v3 answering the v2 cover days later is a new revision.
    [Fact]
    public void AWholeNextVersionAnsweringTheCoverDaysLaterIsStillItsOwnRevision()
    {
        var topics = Build(
            Cover("[PATCH v2 0/2] hwmon: (demo) two small fixes", "c2", 0),
            Patch("[PATCH v2 1/2] hwmon: (demo) fix one", "p21", 0, replyTo: "c2"),
            Patch("[PATCH v2 2/2] hwmon: (demo) fix two", "p22", 0, replyTo: "c2", seed: 1),
            Patch("[PATCH v3 2/2] hwmon: (demo) fix two", "p32", 3 * Day, replyTo: "c2", seed: 2));
        var topic = Single(topics);
        Assert.Equal([2, 3], topic.Revisions.Select(r => r.Version));
    }

    // v1 "[PATCH] x"; v2 sent by one git send-email in reply to v1: "[PATCH v2] x" (its counter left off) and
    // "[PATCH v2 2/2] y" answering it in the same minute; v3 as "[PATCH v3 1/2] x" and "[PATCH v3 2/2] y".
    [Fact]
    public void APatchWithItsCounterLeftOffThatPatchTwoAnswersAtOnceIsPatchOneOfTheSeries()
    {
        var topics = Build(
            Patch("[PATCH] hwmon: (demo) report the sensors", "v1", 0),
            Patch("[PATCH v2] hwmon: (demo) report the sensors", "v2a", Day, replyTo: "v1", seed: 1),
            Headers("[PATCH v2 2/2] dt-bindings: demo: add the sensor cells", "v2b", "v2a", Day, root: "v1")
                + WrittenMails.OneLinePatch("Document the cells.", 2, "Documentation/devicetree/bindings/demo.yaml"),
            Patch("[PATCH v3 1/2] hwmon: (demo) report the sensors", "v3a", 2 * Day, replyTo: "v1", seed: 2),
            Headers("[PATCH v3 2/2] dt-bindings: demo: add the sensor cells", "v3b", "v3a", 2 * Day, root: "v1")
                + WrittenMails.OneLinePatch("Document the cells, again.", 3, "Documentation/devicetree/bindings/demo.yaml"));
        var topic = Single(topics);
        Assert.Equal([1, 2, 3], topic.Revisions.Select(r => r.Version));
        var v2 = topic.Revisions[1];
        Assert.True(v2.Complete);
        Assert.Equal(2, v2.Total);
        Assert.Equal(["v2a@example.org", "v2b@example.org"], v2.Patches.Select(p => p.MessageId));
        Assert.Equal([1, 2], v2.Patches.Select(p => p.Index));
        Assert.Equal("hwmon: (demo) report the sensors", v2.Title);
        Assert.Equal("v3a@example.org", v2.SupersededBy);
    }

    // The same "[PATCH v2 2/2]" answering "[PATCH v2] x" three days after it: no slip of one sending, a posting of its own.
    [Fact]
    public void ANumberedPatchAnsweringAnUncounteredOneDaysLaterIsNotItsPatchTwo()
    {
        var topics = Build(
            Patch("[PATCH v2] hwmon: (demo) report the sensors", "v2a", 0),
            Headers("[PATCH v2 2/2] dt-bindings: demo: add the sensor cells", "v2b", "v2a", 3 * Day)
                + WrittenMails.OneLinePatch("Document the cells.", 2, "Documentation/devicetree/bindings/demo.yaml"));
        var postings = topics.SelectMany(t => t.Revisions).ToList();
        Assert.Equal(2, postings.Count);
        Assert.Equal(["v2a", "v2b"], postings.Select(r => string.Join(",", r.Patches.Select(p => p.MessageId[..3]))).Order());
    }

    // "[PATCH v2] x" answered at once by a whole "[PATCH v2 1/2]" ─ "[PATCH v2 2/2]": the numbered pair has its own
    // patch 1, so the uncountered patch stays a posting of its own and the pair stays whole.
    [Fact]
    public void AnUncounteredPatchAnsweredByAWholeNumberedSeriesStaysApartFromIt()
    {
        var topics = Build(
            Patch("[PATCH v2] hwmon: (demo) report the sensors", "v2a", 0),
            Patch("[PATCH v2 1/2] hwmon: (demo) report the sensors", "n1", 1, replyTo: "v2a", seed: 1),
            Headers("[PATCH v2 2/2] dt-bindings: demo: add the sensor cells", "n2", "n1", 1, root: "v2a")
                + WrittenMails.OneLinePatch("Document the cells.", 2, "Documentation/devicetree/bindings/demo.yaml"));
        var postings = topics.SelectMany(t => t.Revisions).ToList();
        Assert.Equal(["n1,n2", "v2a"], postings.Select(r => string.Join(",", r.Patches.Select(p => p.MessageId[..p.MessageId.IndexOf('@')]))).Order());
        Assert.True(postings.Single(r => r.Total == 2).Complete);
    }

    static IReadOnlyList<Topic> Build(params string[] raws) => WrittenMails.Assemble(raws, Rules, _ => false);

    static string Headers(string subject, string id, string? replyTo, int minute, string? root = null) =>
        WrittenMails.Headers("Ada Author <ada@example.org>", subject, id, replyTo, minute, root);

    static string Cover(string subject, string id, int minute) => Headers(subject, id, null, minute) + """
        Small fixes for the demo chip.

         drivers/hwmon/demo.c | 3 +++
         1 file changed, 3 insertions(+)

        --
        2.47.0
        """;

    /// <summary>A one-line patch; <paramref name="seed"/> changes the line, so each patch differs.</summary>
    static string Patch(string subject, string id, int minute, string? replyTo = null, int seed = 0) =>
        Headers(subject, id, replyTo, minute) + WrittenMails.OneLinePatch($"Fix the demo chip, case {seed}.", seed + 1);
}
