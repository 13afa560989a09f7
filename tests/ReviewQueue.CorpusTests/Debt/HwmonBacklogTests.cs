using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Debt;
using ReviewQueue.TestSupport;
using Spectre.Console;

namespace ReviewQueue.CorpusTests.Debt;

public sealed class HwmonBacklogTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheHwmonHalfYearBacklogIsPrintedAndItsHistoryAgreesWithRecomputation()
    {
        var mbox = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.mbox");
        var ct = TestContext.Current.CancellationToken;
        using var ledger = new TestLedger();
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

        // The stored daily history (assembled as of each day at refresh) equals --as-of recomputation.
        var history = await backlog.HistoryAsync(null, ct);
        foreach (var day in new[] { new DateOnly(2024, 8, 15), new DateOnly(2024, 10, 1), new DateOnly(2024, 12, 31) })
        {
            var then = (await backlog.DebtAsync(null, day, ct))!;
            var row = history.Single(h => h.Day == day.ToString("yyyy-MM-dd"));
            Assert.Equal((then.Total.OpenSeries, then.Total.WaitingPatches, then.Total.WaitingFixes),
                ((int)row.OpenSeries, (int)row.WaitingPatches, (int)row.WaitingFixes));
            Assert.Equal(then.Total.PatchDays, row.PatchDays, 2);
        }
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
