using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using ReviewQueue.Core.Tests.Series;
using static ReviewQueue.Core.Tests.Series.ThreadBuilder;

namespace ReviewQueue.Core.Tests.Review;

public sealed class ReviewerBalancesTests
{
    const string RobReview = "Reviewed-by: Rob Reviewer <rob@example.org>";
    const int Day = 24 * 60;

    static PeopleReport Measure(ThreadBuilder t, int atMinutes = 10 * Day) =>
        ReviewerBalances.Measure(t.Build(asOf: Start.AddMinutes(atMinutes)), Policy,
            e => string.Equals(e, Bot, StringComparison.OrdinalIgnoreCase), Start.AddMinutes(atMinutes));

    static ReviewBalance Person(PeopleReport r, string email) => r.People.Single(p => p.Key == email);

    // c0 ─┬─ p1 ─ r1 (Rob: Reviewed-by, 2 h later)
    //     └─ p2
    // m1 (Rob's own patch) ─ r2 (Ada: Reviewed-by, 4 h later)
    static ThreadBuilder Exchange()
    {
        var t = new ThreadBuilder();
        t.Cover("c0", 2, "hwmon: (demo) add support");
        t.Patch("p1", 1, 2, "hwmon: (demo) one", at: 0, replyTo: "c0");
        t.Patch("p2", 2, 2, "hwmon: (demo) two", at: 0, replyTo: "c0");
        t.Reply("r1", "p1", at: 120, trailers: [RobReview]);
        t.Patch("m1", 1, 1, "hwmon: (rob) something of his own", from: Rob, at: 1000);
        t.Reply("r2", "m1", from: Ada, at: 1240, trailers: ["Reviewed-by: Ada Author <ada@example.org>"]);
        return t;
    }

    // Ada's fix, reviewed by Rob; then its AUTOSEL backport to 6.6 (sent by Sam, Ada the author), which Mia reviews.
    [Fact]
    public void ABackportNeedsNoReviewOfItsAuthorAgainButAReviewOfItIsStillGiven()
    {
        var t = new ThreadBuilder();
        t.Patch("p1", 1, 1, "hwmon: (demo) fix the limit", at: 0);
        t.Reply("r1", "p1", at: 120, trailers: [RobReview]);
        t.Patch("b1", 1, 1, "hwmon: (demo) fix the limit", at: 3 * Day, stableTree: "6.6");
        t.Reply("r2", "b1", from: Mia, at: 3 * Day + 60, trailers: ["Reviewed-by: Mia Maintainer <mia@example.org>"]);
        var r = Measure(t);
        Assert.Equal((0, 1, 1), (Person(r, Ada).Given, Person(r, Ada).Needed, Person(r, Ada).Received));
        Assert.Equal(1, Person(r, Mia).Given);

        var counted = ReviewerBalances.Measure(t.Build(asOf: Start.AddDays(10)), Policy with { BackportsAreDebt = true },
            _ => false, Start.AddDays(10));
        Assert.Equal(2, Person(counted, Ada).Needed);
    }

    // c0 ─┬─ p1 ─ r1 (Rob: Reviewed-by, 2 h later)
    //     ├─ p2
    //     └─ a (Rob: Acked-by on the cover, 5 h later: it applies to p1 and p2)
    [Fact]
    public void SomeoneWhoReviewsAPatchTwiceHasGivenItOneReview()
    {
        var t = new ThreadBuilder();
        t.Cover("c0", 2, "hwmon: (demo) add support");
        t.Patch("p1", 1, 2, "hwmon: (demo) one", at: 0, replyTo: "c0");
        t.Patch("p2", 2, 2, "hwmon: (demo) two", at: 0, replyTo: "c0");
        t.Reply("r1", "p1", at: 120, trailers: [RobReview]);
        t.Reply("a", "c0", at: 300, trailers: ["Acked-by: Rob Reviewer <rob@example.org>"]);

        var rob = Person(Measure(t), Rob);

        // One review of each patch, timed by the first: p1's at 2 h, p2's at 5 h.
        Assert.Equal(2, rob.Given);
        Assert.Equal(new Durations(2, 2.0, 5.0), rob.ReviewTime);
        Assert.Equal((2, 2), (Person(Measure(t), Ada).Needed, Person(Measure(t), Ada).Received));
    }

    [Fact]
    public void ReviewsGivenAreWeighedAgainstTheReviewsOwnPatchesNeed()
    {
        var r = Measure(Exchange());
        var ada = Person(r, Ada);
        Assert.Equal((1, 2, 1, -1), (ada.Given, ada.Needed, ada.Received, ada.Balance));
        var rob = Person(r, Rob);
        Assert.Equal((1, 1, 1, 0), (rob.Given, rob.Needed, rob.Received, rob.Balance));
        Assert.Equal("Rob Reviewer", rob.Name);
        Assert.Equal(new Durations(1, 2.0, 2.0), rob.ReviewTime);
        Assert.Equal(new Durations(1, 4.0, 4.0), ada.ReviewTime);
    }

    [Fact]
    public void DomainsAddUpTheirPeople()
    {
        var d = Assert.Single(Measure(Exchange()).Domains);
        Assert.Equal("example.org", d.Key);
        Assert.Equal((2, 3, 2, -1), (d.Given, d.Needed, d.Received, d.Balance));
    }

    [Fact]
    public void ACoverLetterReviewCountsOncePerPatch()
    {
        var t = new ThreadBuilder();
        t.Cover("c0", 2, "hwmon: (demo) add support");
        t.Patch("p1", 1, 2, "hwmon: (demo) one", at: 1, replyTo: "c0");
        t.Patch("p2", 2, 2, "hwmon: (demo) two", at: 1, replyTo: "c0");
        t.Reply("r", "c0", at: 60, trailers: [RobReview]);
        Assert.Equal(2, Person(Measure(t), Rob).Given);
    }

    [Fact]
    public void AReviewCarriedToTheNextRevisionIsNotCountedAgain()
    {
        var t = new ThreadBuilder();
        t.Patch("a1", 1, 1, "hwmon: fix the first thing", patchId: "same");
        t.Reply("r1", "a1", at: 60, trailers: [RobReview]);
        t.Patch("b1", 1, 1, "hwmon: fix the first thing", v: 2, at: Day, patchId: "same", trailers: [RobReview]);
        var r = Measure(t);
        Assert.Equal(1, Person(r, Rob).Given);
        var ada = Person(r, Ada);
        Assert.Equal((1, 1), (ada.Needed, ada.Received));
    }

    [Fact]
    public void BotsAndSelfAcksAreNobodysReview()
    {
        var t = new ThreadBuilder();
        t.Patch("p1", 1, 1, "hwmon: (demo) one");
        t.Reply("self", "p1", from: Ada, at: 10, trailers: ["Acked-by: Ada Author <ada@example.org>"]);
        t.Reply("bot", "p1", from: Bot, at: 20, trailers: ["Reviewed-by: kernel test robot <lkp@intel.com>"]);
        var r = Measure(t);
        var ada = Assert.Single(r.People);
        Assert.Equal(Ada, ada.Key);
        Assert.Equal((0, 1, 0, -1), (ada.Given, ada.Needed, ada.Received, ada.Balance));
    }

    [Fact]
    public void ReviewsAfterTheDayAreNotCountedAsOfThatDay()
    {
        var r = Measure(Exchange(), 60);
        Assert.Equal(0, Person(r, Ada).Received);
        Assert.DoesNotContain(r.People, p => p.Key == Rob);
    }
}
