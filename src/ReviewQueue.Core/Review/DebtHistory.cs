using ReviewQueue.Core.Series;

namespace ReviewQueue.Core.Review;

/// <summary>One day's review debt of one section (or of <see cref="ReviewDebt.All"/>), measured at the day's end.</summary>
public sealed record SectionDay(string Section, DateOnly Day, int OpenSeries, int WaitingPatches, int WaitingFixes, double PatchDays);

/// <summary>
/// The daily debt history, the same figures as <see cref="ReviewDebt.Measure"/> gives at each day's end,
/// without measuring every topic every day. A topic's share changes only on days something happens to it;
/// in between it is constant, except that its patch-days grow with time. So each topic is measured (cut
/// with <see cref="TopicAsOf"/>) on its own event days only, its changes are summed day by day, and
/// patch-days are Σ waiting × (moment − first posted), kept exactly in ticks (see <see cref="HistoryTally"/>).
/// </summary>
public static class DebtHistory
{
    public static IReadOnlyList<SectionDay> Measure(IReadOnlyList<Topic> topics, ReviewRules rules, ISubsystemMap map, DateOnly from, DateTimeOffset now)
    {
        var tally = new HistoryTally(rules, map, from, now);
        tally.Add(topics);
        return tally.Days();
    }

    /// <summary>The last second of a UTC day: what was known by the end of it.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => new(day.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero);

    /// <summary>The moment a day is measured at: its last second, or now for today.</summary>
    public static DateTimeOffset Moment(DateOnly day, DateTimeOffset now)
    {
        var end = EndOf(day);
        return end > now ? now : end;
    }
}
