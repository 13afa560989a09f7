using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Core.Review;
using ReviewQueue.TestSupport;
using static ReviewQueue.IntegrationTests.Series.GroupedRebuildTests;

namespace ReviewQueue.IntegrationTests.Review;

/// <summary>
/// The debt stored at a refresh is the debt as of that moment: mail dated later (a sender's clock ahead of ours) is
/// not known yet, as `backlog --as-of` today and today's history row do not know it.
/// </summary>
public sealed class DebtNowTests
{
    static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Now = Start.AddDays(1);
    const string Ada = "Ada Author <ada@example.org>", Rita = "Rita Reviewer <rita@example.org>", Bo = "Bo Builder <bo@example.org>";

    // Ada's patch waits since yesterday; its review is dated twelve hours from now. Bo's was reviewed an hour after it
    // was posted; his v2 (another diff, so the review does not carry) is dated twelve hours from now too. (A Date more
    // than a day after the mail arrived is a broken clock's and dated by its arrival: MailTimeTests.)
    static readonly string Mbox =
        Patch("p", null, Start, "[PATCH] hwmon: (demo) one", "one", Ada) +
        Entry("p.r", "p", Now.AddHours(12), "Re: [PATCH] hwmon: (demo) one", "Reviewed-by: " + Rita + "\n", Rita) +
        Patch("q", null, Start.AddHours(1), "[PATCH] hwmon: (other) two", "two", Bo) +
        Entry("q.r", "q", Start.AddHours(2), "Re: [PATCH] hwmon: (other) two", "Reviewed-by: " + Rita + "\n", Rita) +
        Patch("q2", "q", Now.AddHours(12), "[PATCH v2] hwmon: (other) two", "two-again", Bo);

    [Fact]
    public async Task MailDatedAfterNowCountsNeitherInTheStoredDebtNorInPeopleUntilItsTimeComes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ledger = new TestLedger(time: new FixedTime(Now));
        var path = ledger.Dir.File("ahead.mbox");
        File.WriteAllText(path, Mbox);
        await ledger.ImportAsync(path);
        var backlog = ledger.Services.GetRequiredService<ReviewQueue.Debt.Backlog>();
        var day = DateOnly.FromDateTime(Now.UtcDateTime);

        var stored = (await backlog.DebtAsync(null, null, ct))!.Total;
        var today = (await backlog.DebtAsync(null, day, ct))!.Total;
        var lastDay = (await backlog.HistoryAsync(null, ct))[^1];

        // Ada's patch waits (a day now); Bo's v1 is reviewed and not yet superseded: what is dated later is not known.
        Assert.Equal((1, 1, 1.0), (today.OpenSeries, today.WaitingPatches, today.PatchDays));
        Assert.Equal((1L, 1L, 1.0), (lastDay.OpenSeries, lastDay.WaitingPatches, lastDay.PatchDays));
        Assert.Equal((1, 1, 1.0, today.Oldest!.TopicId), (stored.OpenSeries, stored.WaitingPatches, stored.PatchDays, stored.Oldest!.TopicId));
        Assert.Equal(1, stored.FirstReview.Samples); // Bo's, an hour after posting; Ada's has not come
        Assert.Equal(today.FirstReview, stored.FirstReview);

        // Rita has given one review so far; Bo's work (v1, one patch) got it.
        var people = await backlog.PeopleAsync(null, ct);
        Assert.Equal(1, Assert.Single(people.People, p => p.Key == "rita@example.org").Given);
        var bo = Assert.Single(people.People, p => p.Key == "bo@example.org");
        Assert.Equal((1, 1), (bo.Needed, bo.Received));
        Assert.Equal(JsonOf(await backlog.PeopleAsync(day, ct)), JsonOf(people));
    }

    static string JsonOf(PeopleReport report) => ReviewQueue.Debt.DebtJson.Serialize(report with { AsOf = null });
}
