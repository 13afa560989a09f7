namespace ReviewQueue.Core.Review;

/// <summary>
/// The daily history as the ledger keeps it: a section's figures only on the days they do not follow from its last
/// kept day. Between events nothing changes but time: the same series stay open, the same patches wait, and each
/// waiting patch adds one patch-day a day. Most days of most sections are such days (with a real MAINTAINERS, most
/// sections wait for nothing most days), so storing every one was most of a fresh import's time (the
/// benchmarks' measurement log, src/ReviewQueue.Benchmarks/README.md). <see cref="Filled"/> gives back exactly the days <see cref="Kept"/> was given.
/// </summary>
public static class HistoryPoints
{
    /// <summary>
    /// The days worth storing of a history as <see cref="HistoryTally.Days"/> gives it (every section each day from
    /// its first on, through one last day): the last day, and a section's other days when they are not its last kept
    /// day carried forward, the first always unless <paramref name="before"/> holds a kept day it follows from.
    /// </summary>
    /// <param name="before">A history measured again from a later day on: each section's last day kept before it.</param>
    public static IEnumerable<SectionDay> Kept(IReadOnlyList<SectionDay> days, IEnumerable<SectionDay>? before = null)
    {
        if (days.Count == 0)
            yield break;
        var end = days.Max(d => d.Day);
        var kept = (before ?? []).ToDictionary(d => d.Section, StringComparer.Ordinal);
        foreach (var day in days)
        {
            if (day.Day != end && kept.TryGetValue(day.Section, out var last) && Carried(last, day.Day) == day)
                continue;
            kept[day.Section] = day;
            yield return day;
        }
    }

    /// <summary>One section's stored days, oldest first, with the days between them filled in as <see cref="Kept"/> left them out.</summary>
    public static List<SectionDay> Filled(IReadOnlyList<SectionDay> stored)
    {
        var days = new List<SectionDay>(stored.Count);
        for (int i = 0; i < stored.Count; i++)
        {
            if (i > 0)
                for (var day = stored[i - 1].Day.AddDays(1); day < stored[i].Day; day = day.AddDays(1))
                    days.Add(Carried(stored[i - 1], day));
            days.Add(stored[i]);
        }
        return days;
    }

    /// <summary>
    /// A day's figures as they stand a whole number of days after <paramref name="last"/> when nothing happened in
    /// between: the same counts, and one patch-day more per waiting patch per day. Summed in decimal, so a figure
    /// rounded to hundredths stays the hundredths the measure gives (Σ waiting × (day's end − first posted)).
    /// </summary>
    public static SectionDay Carried(SectionDay last, DateOnly day) => last with
    {
        Day = day,
        PatchDays = (double)Math.Round((decimal)last.PatchDays + (decimal)last.WaitingPatches * (day.DayNumber - last.Day.DayNumber), 2),
    };
}
