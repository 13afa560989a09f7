using ReviewQueue.Core.Series;

namespace ReviewQueue.Core.Review;

/// <summary>
/// <see cref="DebtHistory.Measure"/> a topic at a time: the topics may come in any order and in as many turns as
/// wanted, and the days are the ones the whole list in its own order gives. Each topic's changes are summed into
/// the day and section they fall on as it comes, so what is held grows with days × sections, not with topics.
/// </summary>
public sealed class HistoryTally
{
    readonly ReviewRules rules;
    readonly SectionLookup sections;
    readonly DateOnly from;
    readonly DateTimeOffset now;
    readonly int days;
    /// <summary>Per day (from <see cref="from"/> on), what changed in each section touched that day.</summary>
    readonly Dictionary<string, Sum>?[] changes;
    /// <summary>
    /// Where each section was first changed: the day, then the place in the topics' order. The rows of a day list
    /// the sections in that order (after <see cref="ReviewDebt.All"/> and those measured before), as they came into the running sums.
    /// </summary>
    readonly Dictionary<string, (int Day, TopicPlace At)> firstChanged = new(StringComparer.Ordinal);
    readonly IReadOnlyList<string> measuredBefore;

    /// <param name="measuredBefore">
    /// The sections a history measured again from <paramref name="from"/> on already has days of before it. They are in
    /// every day's rows from the first on, as in a history measured from their own first day: a section that no topic
    /// is in any more (a v2 that touches other files) owes nothing on those days, and is not left out of them.
    /// </param>
    public HistoryTally(ReviewRules rules, ISubsystemMap map, DateOnly from, DateTimeOffset now, IEnumerable<string>? measuredBefore = null)
    {
        this.rules = rules;
        this.measuredBefore = [.. measuredBefore ?? []];
        sections = new SectionLookup(map);
        this.from = from;
        this.now = now;
        days = Math.Max(0, DateOnly.FromDateTime(now.UtcDateTime).DayNumber - from.DayNumber + 1);
        changes = new Dictionary<string, Sum>?[days];
    }

    /// <summary>What one topic adds to each section on each of its event days, as the difference to the day before.</summary>
    public void Add(Topic topic)
    {
        var eventDays = topic.Moments()
            .Select(m => Math.Max(0, DateOnly.FromDateTime(m.UtcDateTime).DayNumber - from.DayNumber))
            .Where(i => i < days)
            .Distinct()
            .Order()
            .ToList();
        int turn = 0;
        void Change(int day, string section, Share share, int sign)
        {
            var place = (day, TopicPlace.Of(topic, turn++));
            if (!firstChanged.TryGetValue(section, out var first) || Earlier(place, first))
                firstChanged[section] = place;
            var list = changes[day] ??= new(StringComparer.Ordinal);
            if (!list.TryGetValue(section, out var sum))
                list[section] = sum = new Sum();
            sum.Add(share, sign);
        }

        Dictionary<string, Share> before = new(StringComparer.Ordinal);
        foreach (int i in eventDays)
        {
            var moment = DebtHistory.Moment(from.AddDays(i), now);
            var after = Shares(topic.AsOf(moment), moment);
            foreach (var (section, share) in after)
                if (!before.TryGetValue(section, out var old) || old != share)
                {
                    Change(i, section, share, 1);
                    if (old is not null)
                        Change(i, section, old, -1);
                }
            foreach (var (section, old) in before)
                if (!after.ContainsKey(section))
                    Change(i, section, old, -1);
            before = after;
        }
    }

    public void Add(IEnumerable<Topic> topics)
    {
        foreach (var topic in topics)
            Add(topic);
    }

    /// <summary>Every section's debt at the end of each day from the first on (today: now), as added so far.</summary>
    public IReadOnlyList<SectionDay> Days()
    {
        if (days == 0)
            return [];
        var running = new List<(string Section, Sum Sum)> { (ReviewDebt.All, new Sum()) };
        var sums = new Dictionary<string, Sum>(StringComparer.Ordinal) { [ReviewDebt.All] = running[0].Sum };
        foreach (var section in measuredBefore)
            if (sums.TryAdd(section, new Sum()))
                running.Add((section, sums[section]));
        var order = firstChanged.Where(kv => !sums.ContainsKey(kv.Key))
            .Select(kv => (Section: kv.Key, kv.Value.Day, kv.Value.At))
            .OrderBy(x => x.Day).ThenBy(x => x.At)
            .ToList();
        int next = 0;
        var result = new List<SectionDay>();
        for (int i = 0; i < days; i++)
        {
            for (; next < order.Count && order[next].Day == i; next++)
            {
                var sum = new Sum();
                running.Add((order[next].Section, sum));
                sums[order[next].Section] = sum;
            }
            foreach (var (section, change) in changes[i] ?? [])
                sums[section].Add(change);
            var day = from.AddDays(i);
            long moment = DebtHistory.Moment(day, now).UtcTicks;
            foreach (var (name, sum) in running)
                result.Add(new SectionDay(name, day, sum.Open, sum.Patches, sum.Fixes,
                    Math.Round((double)(sum.Patches * (Int128)moment - sum.PostedTicks) / TimeSpan.TicksPerDay, 2)));
        }
        return result;
    }

    static bool Earlier((int Day, TopicPlace At) a, (int Day, TopicPlace At) b) => a.Day != b.Day ? a.Day < b.Day : a.At < b.At;

    /// <summary>A topic's share in each section at a moment, as ReviewDebt.Measure counts it (zero when it is not in debt).</summary>
    Dictionary<string, Share> Shares(Topic? topic, DateTimeOffset moment)
    {
        var shares = new Dictionary<string, Share>(StringComparer.Ordinal);
        if (topic is null || topic.Revisions.Count == 0)
            return shares;
        var d = DebtShare.Of(topic, rules, sections, moment);
        var s = d.Standing;
        long posted = topic.FirstPosted.UtcTicks;
        shares[ReviewDebt.All] = Of(s.InDebt, s.Waiting, posted);
        for (int i = 0; i < d.Sections.Count; i++)
            shares[d.Sections[i]] = Of(d.OwedBy(i), d.WaitingIn[i], posted);
        return shares;
    }

    static Share Of(bool inDebt, IReadOnlyList<SeriesPatch> waiting, long posted) => inDebt
        ? new Share(1, waiting.Count, waiting.Count(p => p.IsFix), posted)
        : new Share(0, 0, 0, posted);

    sealed record Share(int Open, int Patches, int Fixes, long PostedTicks);

    /// <summary>Open series, waiting patches and fixes, and Σ waiting × first posted: whole numbers, so any order of adding gives the same.</summary>
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

        public void Add(Sum s)
        {
            Open += s.Open;
            Patches += s.Patches;
            Fixes += s.Fixes;
            PostedTicks += s.PostedTicks;
        }
    }
}
