using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Core.Review;
using ReviewQueue.Debt;
using ReviewQueue.Series;
using ReviewQueue.TestSupport;
using Spectre.Console;

namespace ReviewQueue.CorpusTests.Debt;

public sealed class HwmonBacklogTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheHwmonHalfYearBacklogIsPrintedAndItsDailyHistoryEqualsRecomputationAsOfEachDay()
    {
        var mbox = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.mbox");
        var ct = TestContext.Current.CancellationToken;
        var maintainers = Corpus.Require("maintainers", "linux-6.12", "MAINTAINERS");
        var treeFiles = Corpus.Require("maintainers", "linux-6.12", "tree-files-6.12.117.txt");
        // Owed by the real sections: Linux's MAINTAINERS over the 6.12 tree's files.
        using var ledger = new TestLedger(settings: new Dictionary<string, string?>
        {
            ["Maintainers:File"] = maintainers,
            ["Maintainers:TreeFiles"] = treeFiles,
        });
        await ledger.ImportAsync(mbox);
        var backlog = ledger.Services.GetRequiredService<Backlog>();

        var end = await backlog.DebtAsync(null, new DateOnly(2024, 12, 31), ct);
        Assert.NotNull(end);
        output.WriteLine(Render(DebtText.Subsystems(end)));
        var people = await backlog.PeopleAsync(new DateOnly(2024, 12, 31), ct);
        output.WriteLine(Render(DebtText.People(people, 15)));

        // A busy list half a year in: work waits, some of it fixes, and people review.
        Assert.InRange(end.Total.OpenSeries, 10, 400);
        Assert.True(end.Total.WaitingPatches >= end.Total.OpenSeries);
        Assert.True(end.Total.AcceptedSeries > 0);
        Assert.True(end.Total.FirstReview.Samples > 0);
        Assert.Contains(people.People, p => p.Given > 10);

        // The stored daily history (one sweep over each topic's event days) equals --as-of (every topic
        // measured cut at that day's end), for everything and every section, once a week through the
        // half-year and every day of its last week.
        var history = await backlog.HistoryAsync(null, ct);
        var projection = ledger.Services.GetRequiredService<SeriesProjection>();
        var rules = ledger.Services.GetRequiredService<ReviewRulesProvider>().Review;
        var map = ledger.Services.GetRequiredService<ISubsystemMap>();
        int compared = 0, asAssembled = 0;
        var differ = new List<string>();
        for (var day = new DateOnly(2024, 7, 3); day <= new DateOnly(2024, 12, 31); day = day.AddDays(day.Month == 12 && day.Day > 24 ? 1 : 7))
        {
            var then = (await backlog.DebtAsync(null, day, ct))!;
            // And how far that agrees with assembling again from only the mails dated by then.
            var at = DebtHistory.EndOf(day);
            var reassembled = ReviewDebt.Measure(await projection.AsOfAsync(at, ct, reassemble: true), rules, map, at);
            foreach (var s in then.Subsystems.Append(then.Total))
            {
                var rows = s.Name == then.Total.Name ? history : await backlog.HistoryAsync(s.Name, ct);
                var row = rows.Single(h => h.Day == day.ToString("yyyy-MM-dd"));
                Assert.Equal((day, s.Name, s.OpenSeries, s.WaitingPatches, s.WaitingFixes, s.PatchDays),
                    (day, s.Name, (int)row.OpenSeries, (int)row.WaitingPatches, (int)row.WaitingFixes, Math.Round(row.PatchDays, 2)));
                compared++;
                var r = s.Name == then.Total.Name ? reassembled.Total : reassembled.Subsystems.FirstOrDefault(x => x.Name == s.Name);
                if (r is not null && (r.OpenSeries, r.WaitingPatches, r.WaitingFixes, r.PatchDays) == (s.OpenSeries, s.WaitingPatches, s.WaitingFixes, s.PatchDays))
                    asAssembled++;
                else
                    differ.Add($"{day} {s.Name}: cut {s.OpenSeries}/{s.WaitingPatches}/{s.PatchDays}, reassembled {r?.OpenSeries}/{r?.WaitingPatches}/{r?.PatchDays}");
            }
            // Sections only re-assembly names that day.
            foreach (var r in reassembled.Subsystems.Where(r => then.Subsystems.All(s => s.Name != r.Name)))
            {
                compared++;
                if (r.OpenSeries != 0 || r.WaitingPatches != 0)
                    differ.Add($"{day} {r.Name}: cut none, reassembled {r.OpenSeries}/{r.WaitingPatches}/{r.PatchDays}");
                else
                    asAssembled++;
            }
        }
        output.WriteLine($"daily history equal to --as-of on {compared} (day, section) pairs; " +
            $"equal to re-assembly from the mails dated by then on {asAssembled} ({100.0 * asAssembled / compared:0.0} %)");
        differ.ForEach(output.WriteLine);
        Assert.True(asAssembled >= compared * 0.99, $"{compared - asAssembled} of {compared} differ from re-assembly");
        // More waits at the end of the half-year than in its first week.
        Assert.True(history.Single(h => h.Day == "2024-12-31").WaitingPatches > history.Single(h => h.Day == "2024-07-07").WaitingPatches);
    }

    static string Render(Spectre.Console.Rendering.IRenderable table)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 180;
        console.Write(table);
        return writer.ToString();
    }
}
