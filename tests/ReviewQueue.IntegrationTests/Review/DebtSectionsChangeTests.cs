using Dapper;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.IntegrationTests.Digest;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;
using static ReviewQueue.IntegrationTests.Series.GroupedRebuildTests;

namespace ReviewQueue.IntegrationTests.Review;

/// <summary>
/// The daily history is measured under the MAINTAINERS the debt is measured under now: when its sections change
/// (renamed, split, a driver given its own), every stored day is measured again, as `backlog --as-of` measures it.
/// </summary>
public sealed class DebtSectionsChangeTests
{
    static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Now = Start.AddDays(3);

    static string Maintainers(string title) => $"{title}\nM:\tMia Maintainer <mia@example.org>\nS:\tMaintained\nF:\tdrivers/hwmon/\n";

    [Fact]
    public async Task AChangedMaintainersMeasuresEveryDayOfTheHistoryAgainUnderItsSections()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDir("rq-debt-sections");
        File.WriteAllText(dir.File("before"), Maintainers("DEMO SENSORS"));
        File.WriteAllText(dir.File("after"), Maintainers("DEMO HARDWARE SENSORS"));
        File.WriteAllText(dir.File("one.mbox"), Patch("p", null, Start, "[PATCH] hwmon: (demo) one", "one", "Ada Author <ada@example.org>"));

        var clock = new SettableTime(Now);
        using (var before = new TestLedger(settings: new Dictionary<string, string?>
        {
            ["Ledger:Database"] = dir.File("ledger.db"),
            ["Maintainers:File"] = dir.File("before"),
        }, time: clock))
        {
            await before.ImportAsync(dir.File("one.mbox"));
            // A later rebuild the same day (mail came in): the refreshes from here on measure from their last day.
            clock.Now = Now.AddMinutes(5);
            await before.Services.GetRequiredService<SeriesProjection>().RebuildAsync(ct);
            Assert.Equal(4, (await before.Services.GetRequiredService<DebtStore>().HistoryAsync("DEMO SENSORS", ct)).Count);
        }

        // The next day, under the new MAINTAINERS, nothing new: the daily refresh.
        using var after = new TestLedger(settings: new Dictionary<string, string?>
        {
            ["Ledger:Database"] = dir.File("ledger.db"),
            ["Maintainers:File"] = dir.File("after"),
        }, time: new FixedTime(Now.AddDays(1)));
        await after.Services.GetRequiredService<SeriesProjection>().RebuildAsync(ct);

        using var c = after.Ledger.Connect();
        var sections = c.Query<string>("SELECT DISTINCT subsystem FROM debt_history WHERE subsystem <> '(all)'").ToList();
        Assert.Equal(["DEMO HARDWARE SENSORS"], sections);
        var days = await after.Services.GetRequiredService<DebtStore>().HistoryAsync("DEMO HARDWARE SENSORS", ct);
        Assert.Equal(5, days.Count); // posted on the first day, measured through the fifth
        Assert.All(days, d => Assert.Equal(1, d.OpenSeries));

        // The chart's first day is what --as-of says of it.
        var backlog = after.Services.GetRequiredService<ReviewQueue.Debt.Backlog>();
        var first = (await backlog.DebtAsync("DEMO HARDWARE SENSORS", DateOnly.FromDateTime(Start.UtcDateTime), ct))!;
        Assert.Equal(1, first.Subsystems[0].OpenSeries);
    }
}
