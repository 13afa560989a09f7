using ReviewQueue.Core.Series;

namespace ReviewQueue.Core.Review;

/// <summary>
/// <see cref="ReviewDebt.Measure"/> a topic at a time: the topics may come in any order and in as many turns as
/// wanted, and the report is the one the whole list in its own order gives. Only the figures are kept (and the
/// waiting series, which the report lists), never the topics.
/// </summary>
public sealed class DebtTally(ReviewRules rules, ISubsystemMap map, DateTimeOffset asOf)
{
    readonly SectionLookup sections = new(map);
    readonly Dictionary<string, SectionTally> bySection = new(StringComparer.Ordinal);
    readonly SectionTally total = new(ReviewDebt.All, asOf);
    readonly List<WaitingSeries> waiting = [];

    public void Add(Topic topic)
    {
        if (topic.FirstPosted > asOf || topic.Revisions.Count == 0)
            return;
        var share = DebtShare.Of(topic, rules, sections, asOf);
        var s = share.Standing;
        double age = Math.Max(0, (asOf - topic.FirstPosted).TotalDays);

        total.Add(s, s.Waiting, age);
        for (int i = 0; i < share.Sections.Count; i++)
        {
            var section = share.Sections[i];
            if (!bySection.TryGetValue(section, out var tally))
                bySection[section] = tally = new SectionTally(section, asOf);
            tally.Add(s, share.WaitingIn[i], age);
        }
        if (s.InDebt)
        {
            // It waits where its unreviewed patches' files are; reviewers are asked there only.
            var owing = new List<string>();
            var counts = new List<(int, int)>();
            for (int i = 0; i < share.Sections.Count; i++)
                if (share.OwedBy(i))
                {
                    owing.Add(share.Sections[i]);
                    counts.Add((share.WaitingIn[i].Count, share.WaitingIn[i].Count(p => p.IsFix)));
                }
            waiting.Add(new WaitingSeries(topic.Id, topic.Title, topic.Author.Name, topic.Author.Email, topic.Current.VersionLabel,
                s.State.Name(), topic.FirstPosted, s.LastActivity, Math.Round(age, 2), topic.Current.Patches.Count, s.Reviewed,
                s.Waiting.Count, s.Waiting.Count(p => p.IsFix), s.Stale, s.LinkMessageId, owing,
                map.SuggestedReviewers(owing, topic.Author.Email, topic.Author.Name)) { WaitingBySubsystem = counts });
        }
    }

    public void Add(IEnumerable<Topic> topics)
    {
        foreach (var topic in topics)
            Add(topic);
    }

    /// <summary>
    /// The waiting series found since the last call, handed over and no longer kept: a caller that stores them as
    /// they come (a large ledger has tens of thousands) takes them after each Add; <see cref="Report"/> then lists
    /// only those not taken.
    /// </summary>
    public IReadOnlyList<WaitingSeries> TakeWaiting()
    {
        var taken = waiting.ToList();
        waiting.Clear();
        return taken;
    }

    /// <summary>The debt of every topic added so far. Both sorts end on a name or a topic id: no two rows tie.</summary>
    public DebtReport Report()
    {
        var subsystems = bySection.Values.Select(t => t.Result()).ToList();
        subsystems.Sort(ReviewDebt.WorstFirst);
        var series = waiting.ToList();
        series.Sort(ReviewDebt.FixesThenOldest);
        return new DebtReport(asOf, total.Result(), subsystems, series);
    }

    sealed class SectionTally(string name, DateTimeOffset asOf)
    {
        int open, patches, fixSeries, fixes, stale, accepted, acceptedReviewed;
        // Patch-days: Σ waiting patches × age, kept exactly in ticks (as DebtHistory keeps them), so the sum is the
        // same whatever order the topics come in without holding a term per topic.
        Int128 patchTicks;
        (TopicPlace At, OldestWaiter Waiter)? oldest;
        readonly List<TimeSpan> firstReview = [];

        public void Add(TopicStanding s, IReadOnlyList<SeriesPatch> waitingHere, double age)
        {
            var topic = s.Topic;
            // A backport the subsystem was not asked to review is no sample of how its reviews go.
            if (!s.AsksReview)
                return;
            if (s.FirstReview is { } first)
                firstReview.Add(first - topic.FirstPosted);
            if (s.Accepted)
            {
                accepted++;
                if (s.ReviewedBeforeAccepted)
                    acceptedReviewed++;
            }
            // Its debt counts where its unreviewed patches are: a section whose part was reviewed owes nothing.
            if (!s.InDebt || waitingHere.Count == 0)
                return;
            open++;
            if (s.Stale)
                stale++;
            if (waitingHere.Any(p => p.IsFix))
                fixSeries++;
            patches += waitingHere.Count;
            fixes += waitingHere.Count(p => p.IsFix);
            var at = TopicPlace.Of(topic);
            patchTicks += waitingHere.Count * (Int128)Math.Max(0, asOf.UtcTicks - topic.FirstPosted.UtcTicks);
            // The oldest, and of those first posted at the same moment the first in the topics' order.
            if (oldest is null || at < oldest.Value.At)
                oldest = (at, new OldestWaiter(topic.Id, topic.Title, topic.FirstPosted, Math.Round(age, 2)));
        }

        public SubsystemDebt Result()
        {
            return new(name, open, patches, fixSeries, fixes, Math.Round((double)patchTicks / TimeSpan.TicksPerDay, 2), oldest?.Waiter, stale,
                Durations.Of(firstReview), accepted, acceptedReviewed,
                accepted == 0 ? null : Math.Round((double)acceptedReviewed / accepted, 3));
        }
    }
}
