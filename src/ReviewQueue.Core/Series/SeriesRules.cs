using ReviewQueue.Core.Review;

using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Series;

/// <summary>The policy series assembly needs: who is a bot, and what each trailer name means.</summary>
public sealed record SeriesRules(Func<string, bool> IsBot, Func<string, TrailerMeaning> Meaning)
{
    /// <summary>Trailer names b4 never takes from a follow-up: they describe the mail, not a review.</summary>
    public static readonly IReadOnlySet<string> NotFollowups =
        new HashSet<string>(["from", "author", "cc", "to"], StringComparer.OrdinalIgnoreCase);
}
