using ReviewQueue.Core.Series;

namespace ReviewQueue.Core.Review;

/// <summary>
/// Measures review debt per MAINTAINERS section (DOMAIN.md 6) from topics as they stood at a moment
/// (assemble with Build(asOf) for a past day). A series belongs to every section any of its patches
/// maps to; waiting patches and patch-days count in the sections of each patch's own files.
/// </summary>
public static class ReviewDebt
{
    /// <summary>The name used when a patch names no file any section claims.</summary>
    public const string NoSection = "(no section)";

    /// <summary>The name of the row that counts every series once.</summary>
    public const string All = "(all)";

    public static DebtReport Measure(IReadOnlyList<Topic> topics, ReviewRules rules, ISubsystemMap map, DateTimeOffset asOf)
    {
        var sections = new SectionLookup(map);
        var bySection = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var total = new Tally(All);
        var waiting = new List<WaitingSeries>();
        foreach (var topic in topics.Where(t => t.FirstPosted <= asOf && t.Revisions.Count > 0))
        {
            var share = DebtShare.Of(topic, rules, sections, asOf);
            var s = share.Standing;
            double age = Days(asOf - topic.FirstPosted);

            total.Add(s, s.Waiting, age);
            for (int i = 0; i < share.Sections.Count; i++)
            {
                var section = share.Sections[i];
                if (!bySection.TryGetValue(section, out var tally))
                    bySection[section] = tally = new Tally(section);
                tally.Add(s, share.WaitingIn[i], age);
            }
            if (s.InDebt)
                waiting.Add(new WaitingSeries(topic.Id, topic.Title, topic.Author.Name, topic.Author.Email, topic.Current.VersionLabel,
                    s.State.Name(), topic.FirstPosted, s.LastActivity, Math.Round(age, 2), topic.Current.Patches.Count, s.Reviewed,
                    s.Waiting.Count, s.Waiting.Count(p => p.IsFix), s.Stale, s.LinkMessageId, share.Sections,
                    map.SuggestedReviewers(share.Sections, topic.Author.Email)));
        }

        var subsystems = bySection.Values.Select(t => t.Result()).ToList();
        subsystems.Sort(WorstFirst);
        waiting.Sort(FixesThenOldest);
        return new DebtReport(asOf, total.Result(), subsystems, waiting);
    }

    /// <summary>Worst debt first: unreviewed fixes, then patch-days, open series, then name.</summary>
    public static int WorstFirst(SubsystemDebt a, SubsystemDebt b)
    {
        int c = b.WaitingFixes.CompareTo(a.WaitingFixes);
        if (c == 0)
            c = b.PatchDays.CompareTo(a.PatchDays);
        if (c == 0)
            c = b.OpenSeries.CompareTo(a.OpenSeries);
        return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
    }

    /// <summary>Series with unreviewed fixes first, then the oldest waiter first.</summary>
    public static int FixesThenOldest(WaitingSeries a, WaitingSeries b)
    {
        int c = (b.WaitingFixes > 0).CompareTo(a.WaitingFixes > 0);
        if (c == 0)
            c = a.FirstPosted.CompareTo(b.FirstPosted);
        return c != 0 ? c : string.CompareOrdinal(a.TopicId, b.TopicId);
    }

    static double Days(TimeSpan span) => Math.Max(0, span.TotalDays);

    sealed class Tally(string name)
    {
        int open, patches, fixSeries, fixes, stale, accepted, acceptedReviewed;
        double patchDays;
        OldestWaiter? oldest;
        readonly List<TimeSpan> firstReview = [];

        public void Add(TopicStanding s, IReadOnlyList<SeriesPatch> waitingHere, double age)
        {
            if (s.FirstReview is { } first)
                firstReview.Add(first - s.Topic.FirstPosted);
            if (s.Accepted)
            {
                accepted++;
                if (s.ReviewedBeforeAccepted)
                    acceptedReviewed++;
            }
            if (!s.InDebt)
                return;
            open++;
            if (s.Stale)
                stale++;
            if (s.Waiting.Any(p => p.IsFix))
                fixSeries++;
            patches += waitingHere.Count;
            fixes += waitingHere.Count(p => p.IsFix);
            patchDays += waitingHere.Count * age;
            if (oldest is null || s.Topic.FirstPosted < oldest.FirstPosted)
                oldest = new OldestWaiter(s.Topic.Id, s.Topic.Title, s.Topic.FirstPosted, Math.Round(age, 2));
        }

        public SubsystemDebt Result() => new(name, open, patches, fixSeries, fixes, Math.Round(patchDays, 2), oldest, stale,
            Durations.Of(firstReview), accepted, acceptedReviewed,
            accepted == 0 ? null : Math.Round((double)acceptedReviewed / accepted, 3));
    }
}
