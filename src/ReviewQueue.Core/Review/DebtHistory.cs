using ReviewQueue.Core.Series;

namespace ReviewQueue.Core.Review;

/// <summary>One day's review debt of one section (or of <see cref="ReviewDebt.All"/>), measured at the day's end.</summary>
public sealed record SectionDay(string Section, DateOnly Day, int OpenSeries, int WaitingPatches, int WaitingFixes, double PatchDays);

/// <summary>
/// The daily debt history, the same figures as <see cref="ReviewDebt.Measure"/> gives at each day's end,
/// without measuring every topic every day. A topic's share changes only on days something happens to it;
/// in between it is constant, except that its patch-days grow with time. So each topic is measured (cut
/// with <see cref="TopicAsOf"/>) on its own event days only, its changes are summed day by day, and
/// patch-days are Σ waiting × (moment − first posted), kept exactly in ticks.
/// </summary>
public static class DebtHistory
{
    public static IReadOnlyList<SectionDay> Measure(IReadOnlyList<Topic> topics, ReviewRules rules, ISubsystemMap map, DateOnly from, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        int days = today.DayNumber - from.DayNumber + 1;
        if (days <= 0)
            return [];
        var changes = new List<Change>?[days];
        var sections = new SectionLookup(map);
        foreach (var topic in topics)
            Follow(topic, rules, sections, from, days, now, changes);

        var running = new Dictionary<string, Sum>(StringComparer.Ordinal) { [ReviewDebt.All] = new() };
        var result = new List<SectionDay>();
        for (int i = 0; i < days; i++)
        {
            foreach (var c in changes[i] ?? [])
            {
                if (!running.TryGetValue(c.Section, out var sum))
                    running[c.Section] = sum = new Sum();
                sum.Add(c.Share, c.Sign);
            }
            var day = from.AddDays(i);
            long moment = Moment(day, now).UtcTicks;
            foreach (var (name, sum) in running)
                result.Add(new SectionDay(name, day, sum.Open, sum.Patches, sum.Fixes,
                    Math.Round((double)(sum.Patches * (Int128)moment - sum.PostedTicks) / TimeSpan.TicksPerDay, 2)));
        }
        return result;
    }

    /// <summary>The last second of a UTC day: what was known by the end of it.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => new(day.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero);

    /// <summary>The moment a day is measured at: its last second, or now for today.</summary>
    public static DateTimeOffset Moment(DateOnly day, DateTimeOffset now)
    {
        var end = EndOf(day);
        return end > now ? now : end;
    }

    /// <summary>What one topic adds to each section on each of its event days, as the difference to the day before.</summary>
    static void Follow(Topic topic, ReviewRules rules, SectionLookup sections, DateOnly from, int days, DateTimeOffset now, List<Change>?[] changes)
    {
        var eventDays = topic.Moments()
            .Select(m => Math.Max(0, DateOnly.FromDateTime(m.UtcDateTime).DayNumber - from.DayNumber))
            .Where(i => i < days)
            .Distinct()
            .Order()
            .ToList();
        Dictionary<string, Share> before = new(StringComparer.Ordinal);
        foreach (int i in eventDays)
        {
            var moment = Moment(from.AddDays(i), now);
            var after = Shares(topic.AsOf(moment), rules, sections, moment);
            var list = changes[i] ??= [];
            foreach (var (section, share) in after)
                if (!before.TryGetValue(section, out var old) || old != share)
                {
                    list.Add(new Change(section, share, 1));
                    if (old is not null)
                        list.Add(new Change(section, old, -1));
                }
            foreach (var (section, old) in before)
                if (!after.ContainsKey(section))
                    list.Add(new Change(section, old, -1));
            before = after;
        }
    }

    /// <summary>A topic's share in each section at a moment, as ReviewDebt.Measure counts it (zero when it is not in debt).</summary>
    static Dictionary<string, Share> Shares(Topic? topic, ReviewRules rules, SectionLookup sections, DateTimeOffset moment)
    {
        var shares = new Dictionary<string, Share>(StringComparer.Ordinal);
        if (topic is null || topic.Revisions.Count == 0)
            return shares;
        var d = DebtShare.Of(topic, rules, sections, moment);
        var s = d.Standing;
        long posted = topic.FirstPosted.UtcTicks;
        shares[ReviewDebt.All] = Of(s.InDebt, s.Waiting, posted);
        for (int i = 0; i < d.Sections.Count; i++)
            shares[d.Sections[i]] = Of(s.InDebt, d.WaitingIn[i], posted);
        return shares;
    }

    static Share Of(bool inDebt, IReadOnlyList<SeriesPatch> waiting, long posted) => inDebt
        ? new Share(1, waiting.Count, waiting.Count(p => p.IsFix), posted)
        : new Share(0, 0, 0, posted);

    sealed record Share(int Open, int Patches, int Fixes, long PostedTicks);

    sealed record Change(string Section, Share Share, int Sign);

    sealed class Sum
    {
        public int Open, Patches, Fixes;
        public Int128 PostedTicks;

        public void Add(Share s, int sign)
        {
            Open += sign * s.Open;
            Patches += sign * s.Patches;
            Fixes += sign * s.Fixes;
            PostedTicks += sign * (Int128)s.Patches * s.PostedTicks;
        }
    }
}
