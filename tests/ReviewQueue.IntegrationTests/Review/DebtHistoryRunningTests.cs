using Dapper;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Core.Review;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Review;

/// <summary>
/// A service that runs for weeks (mail imported as it arrives, the daily refresh on the days between) keeps the
/// history a fresh import of the same mail on its last day measures: every section, every day, every figure. The
/// ledger stores only the days that do not follow from the one before (HistoryPoints); the store fills in the rest.
/// </summary>
public sealed class DebtHistoryRunningTests
{
    const int Days = 40;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task AServiceRunForWeeksKeepsTheHistoryAFreshImportMeasures(int seed)
    {
        var differences = await RunAsync(ListDays.Make(seed, Days), Days);
        Assert.True(differences.Count == 0, $"{differences.Count} days differ, first:\n" + string.Join('\n', differences.Take(12)));
    }

    /// <summary>
    /// A v2 that touches other files leaves its v1's section: the days after it owe that section nothing, as a fresh
    /// import measures them, also when a later series comes back to the section.
    /// <code>
    /// day 0   Ada [PATCH] (chip) change   drivers/base/   DEMO CORE     Bo [PATCH] (other) change   drivers/hwmon/
    /// day 5   Ada [PATCH v2] (chip) change  drivers/hwmon/                (DEMO CORE owes nothing from here)
    /// day 8   Cy  [PATCH] (bus) change    drivers/base/   DEMO CORE again
    /// </code>
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AV2ThatLeavesASectionLeavesItOwingNothingFromThatDayOn(bool comesBack)
    {
        const string Ada = "Ada Author <ada@example.org>";
        var day = ListDays.Start.AddHours(9);
        List<ListDays.Delivery> deliveries =
        [
            new(day, ListDays.Patch("v1", null, day.AddMinutes(-5), "[PATCH] hwmon: (chip) change", Ada, "drivers/base/bus.c") +
                ListDays.Patch("o1", null, day.AddMinutes(-4), "[PATCH] hwmon: (other) change", "Bo Builder <bo@example.org>", "drivers/hwmon/other.c")),
            new(day.AddDays(5), ListDays.Patch("v2", null, day.AddDays(5).AddMinutes(-5), "[PATCH v2] hwmon: (chip) change", Ada, "drivers/hwmon/chip.c")),
        ];
        if (comesBack)
            deliveries.Add(new(day.AddDays(8), ListDays.Patch("b1", null, day.AddDays(8).AddMinutes(-5), "[PATCH] base: (bus) change",
                "Cy Coder <cy@example.net>", "drivers/base/other.c")));
        var differences = await RunAsync(deliveries, 11);
        Assert.True(differences.Count == 0, $"{differences.Count} days differ, first:\n" + string.Join('\n', differences.Take(12)));
    }

    /// <summary>
    /// Runs a service over <paramref name="days"/> days from <see cref="ListDays.Start"/>: each delivery imported when it
    /// arrives, the daily refresh soon after each midnight, then a refresh the morning after. Then imports all the mail
    /// into a fresh ledger with that morning's clock, and returns how the two histories differ (none is right).
    /// </summary>
    static async Task<List<string>> RunAsync(IReadOnlyList<ListDays.Delivery> deliveries, int days)
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDir("rq-debt-running");
        File.WriteAllText(dir.File("MAINTAINERS"), ListDays.Maintainers);
        var settings = new Dictionary<string, string?> { ["Maintainers:File"] = dir.File("MAINTAINERS") };

        var clock = new Clock(ListDays.Start);
        using var running = new TestLedger(settings: settings, time: clock);
        var projection = running.Services.GetRequiredService<SeriesProjection>();
        bool measured = false;
        for (int day = 0; day < days; day++)
        {
            // The daily refresh (DebtRefreshWorker) soon after midnight, once the first import measured anything.
            if (measured)
            {
                clock.Now = ListDays.Start.AddDays(day).AddMinutes(10);
                await projection.RebuildAsync(ct);
            }
            foreach (var delivery in deliveries.Where(d => (d.At - ListDays.Start).Days == day))
            {
                clock.Now = delivery.At;
                File.WriteAllText(dir.File("new.mbox"), delivery.Mbox);
                await running.ImportAsync(dir.File("new.mbox"));
                measured = true;
            }
        }
        var end = ListDays.Start.AddDays(days).AddHours(9);
        clock.Now = end;
        await projection.RebuildAsync(ct);

        File.WriteAllText(dir.File("all.mbox"), string.Concat(deliveries.Select(d => d.Mbox)));
        using var fresh = new TestLedger(settings: settings, time: new FixedTime(end));
        await fresh.ImportAsync(dir.File("all.mbox"));

        var expected = await HistoriesAsync(fresh, ct);
        var actual = await HistoriesAsync(running, ct);
        Assert.True(expected.Count > 2, $"{expected.Count} sections measured: " + string.Join(", ", expected.Keys));
        return expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal)
            .SelectMany(s => Differences(s, expected.GetValueOrDefault(s, []), actual.GetValueOrDefault(s, []))).ToList();
    }

    /// <summary>Every section's history as the charts and /api/history read it, by section.</summary>
    internal static async Task<Dictionary<string, IReadOnlyList<DebtHistoryRow>>> HistoriesAsync(TestLedger ledger, CancellationToken ct)
    {
        var store = ledger.Services.GetRequiredService<DebtStore>();
        var sections = (await store.SubsystemNamesAsync(ct)).Append(ReviewDebt.All);
        var histories = new Dictionary<string, IReadOnlyList<DebtHistoryRow>>(StringComparer.Ordinal);
        foreach (var section in sections)
            histories[section] = await store.HistoryAsync(section, ct);
        return histories;
    }

    /// <summary>What a section's days say differently, a line per day ("-" expected, "+" actual).</summary>
    internal static IEnumerable<string> Differences(string section, IReadOnlyList<DebtHistoryRow> expected, IReadOnlyList<DebtHistoryRow> actual)
    {
        var byDay = actual.ToDictionary(r => r.Day, StringComparer.Ordinal);
        foreach (var row in expected)
            if (!byDay.Remove(row.Day, out var other))
                yield return $"{section} {row.Day}: - {Figures(row)} + (none)";
            else if (other != row)
                yield return $"{section} {row.Day}: - {Figures(row)} + {Figures(other)}";
        foreach (var extra in byDay.Values.OrderBy(r => r.Day, StringComparer.Ordinal))
            yield return $"{section} {extra.Day}: - (none) + {Figures(extra)}";
    }

    static string Figures(DebtHistoryRow r) => $"{r.OpenSeries} open, {r.WaitingPatches} waiting, {r.WaitingFixes} fixes, {r.PatchDays} patch-days";

    internal sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
