using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MimeKit.Utils;
using ReviewQueue.Core.Review;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Debt;

/// <summary>
/// The hwmon half-year as a running service receives it: each day's mail imported at that day's end, the daily
/// refresh soon after each midnight. Its history is the one a fresh import of the whole mbox measures, for every
/// section and every day (the ledger keeps only the days that do not follow from the one before, HistoryPoints).
/// </summary>
public sealed partial class HwmonDayByDayTests(ITestOutputHelper output)
{
    [Fact]
    public async Task HwmonImportedDayByDayKeepsTheHistoryAFreshImportMeasures()
    {
        var mbox = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.mbox");
        var ct = TestContext.Current.CancellationToken;
        var settings = new Dictionary<string, string?>
        {
            ["Maintainers:File"] = Corpus.Require("maintainers", "linux-6.12", "MAINTAINERS"),
            ["Maintainers:TreeFiles"] = Corpus.Require("maintainers", "linux-6.12", "tree-files-6.12.117.txt"),
        };
        using var dir = new TempDir("rq-hwmon-days");
        var days = SplitByDay(File.ReadAllText(mbox, Encoding.Latin1));
        var first = days.Keys.Min();
        var last = days.Keys.Max();

        var clock = new Clock(At(first, 0, 0));
        using var running = new TestLedger(settings: settings, time: clock);
        var projection = running.Services.GetRequiredService<SeriesProjection>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (day > first)
            {
                clock.Now = At(day, 0, 10); // DebtRefreshWorker, once a day
                await projection.RebuildAsync(ct);
            }
            if (days.TryGetValue(day, out var mail))
            {
                File.WriteAllText(dir.File("day.mbox"), mail, Encoding.Latin1);
                clock.Now = At(day, 23, 59).AddSeconds(59);
                await running.ImportAsync(dir.File("day.mbox"));
            }
        }
        var end = At(last.AddDays(1), 9, 0);
        clock.Now = end;
        await projection.RebuildAsync(ct);

        using var fresh = new TestLedger(settings: settings, time: new FixedTime(end));
        await fresh.ImportAsync(mbox);

        var expected = await HistoriesAsync(fresh, ct);
        var actual = await HistoriesAsync(running, ct);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        var differ = expected.Keys.Order(StringComparer.Ordinal)
            .Select(s => (Section: s, Days: expected[s].Except(actual[s]).Concat(actual[s].Except(expected[s])).Count()))
            .Where(x => x.Days > 0)
            .Select(x => $"{x.Section}: {x.Days} days").ToList();
        output.WriteLine($"{expected.Count} sections, {expected.Values.Sum(v => v.Count)} section-days compared");
        Assert.True(differ.Count == 0, $"{differ.Count} sections differ:\n" + string.Join('\n', differ.Take(20)));
    }

    /// <summary>The mbox's mail by the UTC day of its Date.</summary>
    static Dictionary<DateOnly, string> SplitByDay(string text)
    {
        var days = new Dictionary<DateOnly, StringBuilder>();
        var starts = FromLine().Matches(text).Select(m => m.Index).Append(text.Length).ToList();
        for (int i = 0; i + 1 < starts.Count; i++)
        {
            var message = text[starts[i]..starts[i + 1]];
            var date = DateLine().Match(message[..Math.Max(0, message.IndexOf("\n\n", StringComparison.Ordinal))]);
            if (!date.Success || !DateUtils.TryParse(date.Groups[1].Value, out var at))
                throw new InvalidDataException($"no Date in mail {i} of the mbox");
            var day = DateOnly.FromDateTime(at.UtcDateTime);
            (days.TryGetValue(day, out var sb) ? sb : days[day] = new StringBuilder()).Append(message);
        }
        return days.ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
    }

    static async Task<Dictionary<string, IReadOnlyList<DebtHistoryRow>>> HistoriesAsync(TestLedger ledger, CancellationToken ct)
    {
        var store = ledger.Services.GetRequiredService<DebtStore>();
        var histories = new Dictionary<string, IReadOnlyList<DebtHistoryRow>>(StringComparer.Ordinal);
        foreach (var section in (await store.SubsystemNamesAsync(ct)).Append(ReviewDebt.All))
            histories[section] = await store.HistoryAsync(section, ct);
        return histories;
    }

    static DateTimeOffset At(DateOnly day, int hour, int minute) => new(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);

    [GeneratedRegex(@"^From ", RegexOptions.Multiline)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"^Date:[ \t]*(.*)$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex DateLine();

    sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
