using ReviewQueue.Core.Mail;
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

    static PeopleReport MeasureMapped(ThreadBuilder t, string mailmap) =>
        ReviewerBalances.Measure(t.Build(asOf: Start.AddDays(10)), Policy, _ => false, Start.AddDays(10), GitMailmap.Parse(mailmap));

    // p1 (Ada, from work) ─ r1 (Rob: Reviewed-by)
    // m1 (Rob) ─ r2 (Ada, from home: Reviewed-by)
    static ThreadBuilder TwoAddresses()
    {
        var t = new ThreadBuilder();
        t.Patch("p1", 1, 1, "hwmon: (demo) one", at: 0);
        t.Reply("r1", "p1", at: 60, trailers: [RobReview]);
        t.Patch("m1", 1, 1, "hwmon: (rob) his own", from: Rob, at: 100);
        t.Reply("r2", "m1", from: "ada@home.example", name: "Ada A.", at: 220, trailers: ["Reviewed-by: Ada A. <ada@home.example>"]);
        return t;
    }

    [Fact]
    public void WithoutAMailmapEveryAddressIsSomeoneOfItsOwn()
    {
        var r = Measure(TwoAddresses());
        Assert.Equal((0, 1), (Person(r, Ada).Given, Person(r, Ada).Needed));
        Assert.Equal((1, 0), (Person(r, "ada@home.example").Given, Person(r, "ada@home.example").Needed));
    }

    [Fact]
    public void AMailmapCountsAPersonsAddressesAsOnePersonAndTheirDomainAsTheMappedOne()
    {
        var r = MeasureMapped(TwoAddresses(), "Ada Author <ada@example.org> <ada@home.example>\n");
        var ada = Person(r, Ada);
        Assert.Equal((1, 1, 1, 0), (ada.Given, ada.Needed, ada.Received, ada.Balance));
        Assert.Equal("Ada Author", ada.Name);
        Assert.Equal(new Durations(1, 2.0, 2.0), ada.ReviewTime);
        Assert.Equal(["ada@home.example"], ada.MappedFrom);
        Assert.Empty(Person(r, Rob).MappedFrom);
        Assert.DoesNotContain(r.People, p => p.Key == "ada@home.example");
        var domain = Assert.Single(r.Domains);
        Assert.Equal(("example.org", 2, 2), (domain.Key, domain.Given, domain.Needed));
    }

    [Fact]
    public void APersonWhoReviewsOnePatchFromTwoOfTheirAddressesHasGivenItOneReview()
    {
        var t = new ThreadBuilder();
        t.Patch("p1", 1, 1, "hwmon: (demo) one", at: 0);
        t.Reply("r1", "p1", at: 60, trailers: [RobReview]);
        t.Reply("r2", "p1", from: "rob@old.example", name: "Rob Reviewer", at: 90, trailers: ["Acked-by: Rob Reviewer <rob@old.example>"]);
        var rob = Person(MeasureMapped(t, "<rob@example.org> <ROB@old.example>"), Rob);
        Assert.Equal(1, rob.Given);
        Assert.Equal(["rob@old.example"], rob.MappedFrom);
    }

    // p1 (Ada, from work) ─ r1 (Ada from home, under another name: Acked-by)
    //                     └ r2 (Rob: Reviewed-by)
    // The mailmap says both addresses are Ada's: her ack is her own, neither given nor received.
    [Fact]
    public void AnAuthorsAckFromAnAddressTheMailmapSaysIsHersIsNoReviewGivenNorReceived()
    {
        var t = new ThreadBuilder();
        t.Patch("p1", 1, 1, "hwmon: (demo) one", at: 0);
        t.Patch("p2", 1, 1, "hwmon: (demo) two", at: 0);
        t.Reply("r1", "p1", from: "ada@home.example", name: "A. Author", at: 60, trailers: ["Acked-by: A. Author <ada@home.example>"]);
        t.Reply("r2", "p2", from: "ada@home.example", name: "A. Author", at: 60, trailers: ["Acked-by: A. Author <ada@home.example>"]);
        t.Reply("r3", "p2", at: 90, trailers: [RobReview]);
        var r = MeasureMapped(t, "Ada Author <ada@example.org> <ada@home.example>\n");
        var ada = Person(r, Ada);
        Assert.Equal((0, 2, 1, -2), (ada.Given, ada.Needed, ada.Received, ada.Balance));
        Assert.Equal(Durations.Of([]), ada.ReviewTime);
        var domain = Assert.Single(r.Domains);
        Assert.Equal(("example.org", 1, 2, 1), (domain.Key, domain.Given, domain.Needed, domain.Received));
    }

    // One shared address, two people: the name decides (git's name-and-address entry), else the address's own entry.
    [Fact]
    public void ANameAndAddressEntryTellsApartTwoPeopleWhoShareAnAddress()
    {
        var t = new ThreadBuilder();
        t.Patch("p1", 1, 1, "hwmon: (demo) one", at: 0);
        t.Reply("r1", "p1", from: "team@example.net", name: "Mia", at: 60, trailers: ["Reviewed-by: Mia <team@example.net>"]);
        t.Patch("p2", 1, 1, "hwmon: (demo) two", at: 0);
        t.Reply("r2", "p2", from: "team@example.net", name: "Someone", at: 60, trailers: ["Reviewed-by: Someone <team@example.net>"]);
        var r = MeasureMapped(t, "Mia Maintainer <mia@example.org> Mia <team@example.net>\nRob Reviewer <rob@example.org> <team@example.net>\n");
        Assert.Equal(1, Person(r, Mia).Given);
        Assert.Equal(1, Person(r, Rob).Given);
        Assert.DoesNotContain(r.People, p => p.Key == "team@example.net");
    }
}
