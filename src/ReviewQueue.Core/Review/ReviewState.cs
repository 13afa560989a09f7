namespace ReviewQueue.Core.Review;

/// <summary>Where a patch or a revision stands (DOMAIN.md 6). Patches never are PartlyReviewed.</summary>
public enum ReviewState
{
    Unreviewed,
    Discussed,
    PartlyReviewed,
    Reviewed,
    Objected,
    Accepted,
    Superseded,
    Withdrawn,
}

public static class ReviewStateNames
{
    /// <summary>The word used in JSON, the CLI and the dashboard.</summary>
    public static string Name(this ReviewState state) => state switch
    {
        ReviewState.Unreviewed => "unreviewed",
        ReviewState.Discussed => "discussed",
        ReviewState.PartlyReviewed => "partly-reviewed",
        ReviewState.Reviewed => "reviewed",
        ReviewState.Objected => "objected",
        ReviewState.Accepted => "accepted",
        ReviewState.Superseded => "superseded",
        _ => "withdrawn",
    };

    public static bool TryParse(string word, out ReviewState state)
    {
        foreach (var s in Enum.GetValues<ReviewState>())
            if (string.Equals(s.Name(), word, StringComparison.OrdinalIgnoreCase) || string.Equals(s.ToString(), word, StringComparison.OrdinalIgnoreCase))
            {
                state = s;
                return true;
            }
        state = default;
        return false;
    }

    /// <summary>Open work: it still waits for someone (not accepted, superseded or withdrawn).</summary>
    public static bool IsOpen(this ReviewState state) =>
        state is not (ReviewState.Accepted or ReviewState.Superseded or ReviewState.Withdrawn);
}
