namespace ReviewQueue.Configuration;

/// <summary>
/// "Review": where the seed data lives (seeds/review-policy.json, seeds/bots.json) and per-deployment
/// overrides of it. A relative Seeds path is looked up in the current folder, then beside the program
/// (the build copies seeds/ there).
/// </summary>
public sealed class ReviewOptions : ISectionOptions
{
    public static string Section => "Review";

    public string Seeds { get; set; } = "seeds";

    /// <summary>Overrides review-policy.json's testedByCountsAsReview when set.</summary>
    public bool? TestedByCountsAsReview { get; set; }

    /// <summary>Overrides review-policy.json's stableBackportsAreDebt when set.</summary>
    public bool? StableBackportsAreDebt { get; set; }

    /// <summary>Overrides review-policy.json's staleAfter when set.</summary>
    public TimeSpan? StaleAfter { get; set; }

    /// <summary>More bot addresses or patterns, added to seeds/bots.json.</summary>
    public List<string> ExtraBots { get; set; } = [];

    Review.ReviewSeeds.Result? seeds;

    /// <summary>seeds/ read once: validation and the policy share the result.</summary>
    public Review.ReviewSeeds.Result LoadedSeeds() => seeds ??= Review.ReviewSeeds.Load(this);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Seeds))
        {
            yield return "Review:Seeds is empty: give the folder holding review-policy.json and bots.json";
            yield break;
        }
        if (StaleAfter is { } stale && stale <= TimeSpan.Zero)
            yield return $"Review:StaleAfter must be positive (is {stale})";
        for (int i = 0; i < ExtraBots.Count; i++)
            if (string.IsNullOrWhiteSpace(ExtraBots[i]) || !ExtraBots[i].Contains('@'))
                yield return $"Review:ExtraBots:{i} is not an address or address pattern: '{ExtraBots[i]}'";
        foreach (var problem in LoadedSeeds().Problems)
            yield return problem;
    }
}
