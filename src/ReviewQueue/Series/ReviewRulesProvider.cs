using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;

namespace ReviewQueue.Series;

/// <summary>The review policy (seeds/ + configuration) in the two shapes assembly and states need.</summary>
public sealed class ReviewRulesProvider(ReviewPolicy policy)
{
    public SeriesRules Series { get; } = new(policy.IsBot, policy.Meaning, policy.SendsAppliedNotices);

    public ReviewRules Review { get; } = new(policy.Meaning, policy.TestedByCountsAsReview, MismatchCounts: false, policy.StaleAfter,
        policy.StableBackportsAreDebt);
}
