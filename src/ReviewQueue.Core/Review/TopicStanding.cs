using ReviewQueue.Core.Series;

namespace ReviewQueue.Core.Review;

/// <summary>
/// Where one topic stands at a moment, for debt: its current revision's state, which patches wait for
/// review, whether it is stale, when it was first reviewed and whether it was reviewed before acceptance, and whether
/// it asks its subsystem for review at all (a stable backport does not, unless the policy says).
/// </summary>
public sealed record TopicStanding(
    Topic Topic,
    ReviewState State,
    IReadOnlyList<SeriesPatch> Waiting,
    int Reviewed,
    bool InDebt,
    bool Stale,
    DateTimeOffset LastActivity,
    DateTimeOffset? FirstReview,
    bool Accepted,
    bool ReviewedBeforeAccepted,
    bool AsksReview)
{
    public static TopicStanding Of(Topic topic, ReviewRules rules, DateTimeOffset asOf)
    {
        var current = topic.Current;
        var state = ReviewStates.Of(current, rules);
        var patchStates = current.Patches.Select(p => (Patch: p, State: ReviewStates.Of(p, current, rules))).ToList();
        var waiting = patchStates.Where(x => x.State is ReviewState.Unreviewed or ReviewState.Discussed).Select(x => x.Patch).ToList();
        int reviewed = patchStates.Count(x => ReviewStates.CountsReviewed(x.Patch, x.State, rules));
        // Objected work waits for its author, not for a reviewer; a backport, for the stable maintainers (unless the policy says).
        bool asks = ReviewStates.AsksSubsystemReview(current, rules);
        bool inDebt = state.IsOpen() && state != ReviewState.Objected && waiting.Count > 0 && asks;
        var last = ReviewStates.LastActivity(topic);
        bool accepted = state == ReviewState.Accepted;
        bool reviewedFirst = accepted && current.Patches.All(p =>
            p.Trailers.Any(t => ReviewStates.CountsAsReview(t, p.Author, rules) && t.Date <= p.Accepted!.Date));
        return new TopicStanding(topic, state, waiting, reviewed, inDebt,
            state.IsOpen() && asOf - last >= rules.StaleAfter, last,
            topic.Revisions.Select(r => ReviewStates.FirstReview(r, rules)).Where(d => d is not null).Min(),
            accepted, reviewedFirst, asks);
    }

    /// <summary>The message a lore link opens: the cover letter, else the first patch of the current revision.</summary>
    public string LinkMessageId => Topic.Current.CoverMessageId ?? Topic.Current.Patches.OrderBy(p => p.Index).FirstOrDefault()?.MessageId ?? Topic.Current.Id;
}
