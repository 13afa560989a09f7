using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using static ReviewQueue.Core.Tests.Series.ThreadBuilder;

namespace ReviewQueue.Core.Tests.Series;

public sealed class TrailerTests
{
    const string RobReview = "Reviewed-by: Rob Reviewer <rob@example.org>";

    static ThreadBuilder TwoPatchSeries()
    {
        var t = new ThreadBuilder();
        t.Cover("c0", 2, "hwmon: (demo) add support");
        t.Patch("p1", 1, 2, "hwmon: (demo) one", at: 1, replyTo: "c0");
        t.Patch("p2", 2, 2, "hwmon: (demo) two", at: 1, replyTo: "c0");
        return t;
    }

    // c0 ─┬─ p1
    //     ├─ p2
    //     └─ r (Acked-by: Mia)   → both patches
    [Fact]
    public void ReplyToCoverLetterAppliesTrailerToEveryPatch()
    {
        var t = TwoPatchSeries();
        t.Reply("r", "c0", from: Mia, trailers: ["Acked-by: Mia Maintainer <mia@example.org>"]);
        var r = Single(t.Build()).Current;
        foreach (var p in r.Patches)
        {
            var tr = Assert.Single(p.Trailers);
            Assert.Equal(TrailerVia.Cover, tr.AppliesVia);
            Assert.Equal("r", tr.GivenIn);
            Assert.True(tr.IdentityOk);
        }
        Assert.Equal(ReviewState.Reviewed, ReviewStates.Of(r, Policy));
    }

    // p1 ─ q (Mia asks) ─ a (Rob answers with Reviewed-by)  → p1
    [Fact]
    public void NestedReplyTrailerAppliesToThePatchAtTheTopOfItsChain()
    {
        var t = TwoPatchSeries();
        t.Reply("q", "p1", from: Mia, at: 30);
        t.Reply("a", "q", from: Rob, at: 40, trailers: [RobReview]);
        var r = Single(t.Build()).Current;
        Assert.Equal(TrailerVia.Patch, Assert.Single(PatchAt(r, 1).Trailers).AppliesVia);
        Assert.Empty(PatchAt(r, 2).Trailers);
        Assert.Equal(ReviewState.Reviewed, State(r, 1));
        Assert.Equal(ReviewState.Unreviewed, State(r, 2));
        Assert.Equal(ReviewState.PartlyReviewed, ReviewStates.Of(r, Policy));
    }

    [Fact]
    public void ATrailerFromSomeoneElsesAddressIsKeptButFlaggedAndDoesNotCount()
    {
        var t = TwoPatchSeries();
        t.Reply("r", "p1", from: Mia, trailers: [RobReview]);
        var r = Single(t.Build()).Current;
        var tr = Assert.Single(PatchAt(r, 1).Trailers);
        Assert.False(tr.IdentityOk);
        Assert.Equal(ReviewState.Discussed, State(r, 1));
    }

    [Fact]
    public void AMatchingNameIsEnoughForIdentity()
    {
        var t = TwoPatchSeries();
        t.Reply("r", "p1", from: "rob@work.example.com", name: "Rob Reviewer", trailers: [RobReview]);
        Assert.True(Assert.Single(PatchAt(Single(t.Build()).Current, 1).Trailers).IdentityOk);
    }

    [Fact]
    public void ANakIsAnObjection()
    {
        var t = TwoPatchSeries();
        t.Reply("r", "p2", from: Mia, nak: true);
        var r = Single(t.Build()).Current;
        Assert.Equal(ReviewState.Objected, State(r, 2));
        Assert.Equal(ReviewState.Objected, ReviewStates.Of(r, Policy));
        // Who objected and where, for the maintainer who reads "objected".
        var by = PatchAt(r, 2).ObjectedBy!;
        Assert.Equal(("r", Mia), (by.MessageId, by.From.Email));
        Assert.Null(PatchAt(r, 1).ObjectedBy);
    }

    [Fact]
    public void ANackedByTrailerIsAnObjection()
    {
        var t = TwoPatchSeries();
        t.Reply("r", "p1", from: Mia, trailers: ["Nacked-by: Mia Maintainer <mia@example.org>"]);
        Assert.Equal(ReviewState.Objected, State(Single(t.Build()).Current, 1));
        Assert.Equal("r", PatchAt(Single(t.Build()).Current, 1).ObjectedBy!.MessageId);
    }

    [Fact]
    public void BotRepliesAreNeitherReviewNorDiscussion()
    {
        var t = TwoPatchSeries();
        t.Reply("bot", "p1", from: Bot, trailers: ["Tested-by: kernel test robot <lkp@intel.com>"]);
        var r = Single(t.Build()).Current;
        Assert.Empty(PatchAt(r, 1).Trailers);
        Assert.Empty(PatchAt(r, 1).Discussion);
        Assert.Equal(ReviewState.Unreviewed, State(r, 1));
    }

    [Fact]
    public void TheAuthorsOwnAckIsNoReview()
    {
        var t = TwoPatchSeries();
        t.Reply("self", "p1", from: Ada, trailers: ["Acked-by: Ada Author <ada@example.org>"]);
        var r = Single(t.Build()).Current;
        Assert.Single(PatchAt(r, 1).Trailers);
        Assert.Empty(PatchAt(r, 1).Discussion);
        Assert.Equal(ReviewState.Unreviewed, State(r, 1));
    }

    /// <summary>An author answering from a second address (same name, as b4's identity check allows) is no discussion.</summary>
    [Fact]
    public void TheAuthorsReplyFromAnotherAddressIsNoDiscussion()
    {
        var t = TwoPatchSeries();
        t.Reply("own", "p1", from: "ada.author@mail.example.com", name: "Ada Author");
        t.Reply("other", "p2", from: "ada.other@example.net", name: "Ada Other");
        var r = Single(t.Build()).Current;
        Assert.Empty(PatchAt(r, 1).Discussion);
        Assert.Equal(ReviewState.Unreviewed, State(r, 1));
        Assert.Equal("other", Assert.Single(PatchAt(r, 2).Discussion).MessageId);
    }

    [Fact]
    public void TrailersInTheCommitMessageAreCarriedAndCount()
    {
        var t = new ThreadBuilder();
        t.Patch("p", 1, 1, "hwmon: fix", v: 2, trailers: [RobReview, "Signed-off-by: Ada Author <ada@example.org>"]);
        var p = Assert.Single(Single(t.Build()).Current.Patches);
        var tr = Assert.Single(p.Trailers);
        Assert.Equal(TrailerVia.Carried, tr.AppliesVia);
        Assert.Equal(ReviewState.Reviewed, State(Single(t.Build()).Current, 1));
    }

    [Fact]
    public void AReviewCarriesToTheNextRevisionWhenThePatchIdIsUnchanged()
    {
        var t = new ThreadBuilder();
        t.Patch("a1", 1, 2, "fs: fix the first thing", patchId: "same");
        t.Patch("a2", 2, 2, "fs: two", patchId: "old-two", replyTo: "a1");
        t.Reply("r1", "a1", trailers: [RobReview]);
        t.Reply("r2", "a2", trailers: [RobReview]);
        t.Patch("b1", 1, 2, "fs: fix the first thing", v: 2, at: 2000, patchId: "same");
        t.Patch("b2", 2, 2, "fs: two", v: 2, at: 2000, patchId: "new-two", replyTo: "b1");
        var v2 = Single(t.Build()).Current;
        Assert.Equal(TrailerVia.EarlierRevision, Assert.Single(PatchAt(v2, 1).Trailers).AppliesVia);
        Assert.Empty(PatchAt(v2, 2).Trailers);
        Assert.Equal(ReviewState.PartlyReviewed, ReviewStates.Of(v2, Policy));
    }

    /// <summary>DOMAIN 6: an ack on v1's cover letter reviewed every v1 patch; a patch v2 sends unchanged keeps it.</summary>
    [Fact]
    public void ACoverLetterReviewCarriesToTheUnchangedPatchesOfTheNextRevision()
    {
        var t = new ThreadBuilder();
        t.Cover("c1", 2, "fs: two fixes");
        t.Patch("a1", 1, 2, "fs: fix the first thing", patchId: "same", replyTo: "c1");
        t.Patch("a2", 2, 2, "fs: two", patchId: "old-two", replyTo: "c1");
        t.Reply("r0", "c1", trailers: [RobReview]);
        t.Cover("c2", 2, "fs: two fixes", v: 2, at: 2000);
        t.Patch("b1", 1, 2, "fs: fix the first thing", v: 2, at: 2000, patchId: "same", replyTo: "c2");
        t.Patch("b2", 2, 2, "fs: two", v: 2, at: 2000, patchId: "new-two", replyTo: "c2");
        var v2 = Single(t.Build()).Current;
        var carried = Assert.Single(PatchAt(v2, 1).Trailers);
        Assert.Equal(TrailerVia.EarlierRevision, carried.AppliesVia);
        Assert.Equal("r0", carried.GivenIn);
        Assert.Empty(PatchAt(v2, 2).Trailers);
        Assert.Equal(ReviewState.PartlyReviewed, ReviewStates.Of(v2, Policy));
    }

    [Fact]
    public void AppliedReplyWithB4ThanksListAcceptsTheNamedPatches()
    {
        var t = TwoPatchSeries();
        t.Reply("ty", "c0", from: Mia, at: 5000, applied: new AppliedNote("hwmon-next",
            [new AppliedItem(1, 2, "hwmon: (demo) one", "0123456789abcdef0123456789abcdef01234567")]));
        var r = Single(t.Build()).Current;
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", PatchAt(r, 1).Accepted?.Commit);
        Assert.Null(PatchAt(r, 2).Accepted);
        Assert.Equal(ReviewState.Accepted, State(r, 1));
        Assert.NotEqual(ReviewState.Accepted, ReviewStates.Of(r, Policy));
    }

    [Fact]
    public void PlainAppliedOnTheCoverAcceptsTheWholeRevision()
    {
        var t = TwoPatchSeries();
        t.Reply("ok", "c0", from: Mia, at: 5000, applied: new AppliedNote("hwmon-next", []));
        var r = Single(t.Build()).Current;
        Assert.Equal(ReviewState.Accepted, ReviewStates.Of(r, Policy));
        Assert.Equal("hwmon-next", PatchAt(r, 2).Accepted?.Tree);
    }

    /// <summary>
    /// "Good catch, applied." from the author answers a reviewer: the fix went into the author's tree. The same words
    /// in passing from anyone else, or an "Applied" that opens the author's line (a maintainer applying their own
    /// patch), accept as before.
    /// </summary>
    [Fact]
    public void AnAuthorsAppliedInPassingAcceptsNothing()
    {
        var own = TwoPatchSeries();
        own.Reply("ack", "p2", from: Ada, at: 5000, applied: new AppliedNote(null, [], InPassing: true));
        Assert.Null(PatchAt(Single(own.Build()).Current, 2).Accepted);

        var maintainer = TwoPatchSeries();
        maintainer.Reply("ok", "p2", from: Mia, at: 5000, applied: new AppliedNote(null, [], InPassing: true));
        Assert.NotNull(PatchAt(Single(maintainer.Build()).Current, 2).Accepted);

        var self = TwoPatchSeries();
        self.Reply("ty", "p2", from: Ada, at: 5000, applied: new AppliedNote("hwmon-next", []));
        Assert.NotNull(PatchAt(Single(self.Build()).Current, 2).Accepted);
    }

    [Fact]
    public void TheAuthorWithdrawingTheSeriesEndsItsDebt()
    {
        var t = TwoPatchSeries();
        t.Reply("drop", "c0", from: Ada, at: 100, withdraws: true);
        Assert.Equal(ReviewState.Withdrawn, ReviewStates.Of(Single(t.Build()).Current, Policy));
    }

    /// <summary>
    /// "The author" is one person wherever the rules name them (Identity.IsAuthor, as for their own ack and their replies):
    /// the same address as b4 compares it, or the same name from a second address. Their NAK objects to nothing, and their
    /// "please drop this series" withdraws it; nobody else's does.
    /// </summary>
    [Fact]
    public void TheAuthorsNakFromASecondAddressIsNoObjection()
    {
        var second = TwoPatchSeries();
        second.Reply("self", "p1", from: "ada.author@mail.example.com", name: "Ada Author", nak: true);
        Assert.Null(PatchAt(Single(second.Build()).Current, 1).ObjectedBy);

        var tagged = TwoPatchSeries();
        tagged.Reply("self", "c0", from: "ada+lists@example.org", name: "A. Author", nak: true);
        Assert.Equal(ReviewState.Unreviewed, ReviewStates.Of(Single(tagged.Build()).Current, Policy));

        var other = TwoPatchSeries();
        other.Reply("nak", "p1", from: "ada.other@example.net", name: "Ada Other", nak: true);
        Assert.Equal("nak", PatchAt(Single(other.Build()).Current, 1).ObjectedBy?.MessageId);
    }

    [Fact]
    public void TheAuthorWithdrawingFromASecondAddressEndsItsDebtAndNobodyElseCan()
    {
        var second = TwoPatchSeries();
        second.Reply("drop", "p2", from: "ada.author@mail.example.com", name: "Ada Author", at: 100, withdraws: true);
        Assert.Equal(ReviewState.Withdrawn, ReviewStates.Of(Single(second.Build()).Current, Policy));

        var tagged = TwoPatchSeries();
        tagged.Reply("drop", "c0", from: "ada+lists@example.org", name: "A. Author", at: 100, withdraws: true);
        Assert.Equal(ReviewState.Withdrawn, ReviewStates.Of(Single(tagged.Build()).Current, Policy));

        var maintainer = TwoPatchSeries();
        maintainer.Reply("drop", "c0", from: Mia, at: 100, withdraws: true);
        Assert.Null(Single(maintainer.Build()).Current.WithdrawnAt);
    }

    [Fact]
    public void HumanRepliesWithoutTrailersMakeADiscussion()
    {
        var t = TwoPatchSeries();
        t.Reply("q", "p2", from: Mia);
        var r = Single(t.Build()).Current;
        Assert.Equal(ReviewState.Discussed, State(r, 2));
        Assert.Equal(ReviewState.Discussed, ReviewStates.Of(r, Policy));
    }
}
