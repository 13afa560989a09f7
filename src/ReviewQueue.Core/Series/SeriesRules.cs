using ReviewQueue.Core.Review;

using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Series;

/// <summary>
/// The policy series assembly needs: who is a bot, what each trailer name means, and which bots' "applied"
/// notices count (none unless given).
/// </summary>
public sealed record SeriesRules(Func<string, bool> IsBot, Func<string, TrailerMeaning> Meaning, Func<string, bool>? SendsAppliedNotices = null)
{
    /// <summary>Trailer names b4 never takes from a follow-up: they describe the mail, not a review.</summary>
    public static readonly IReadOnlySet<string> NotFollowups =
        new HashSet<string>(["from", "author", "cc", "to"], StringComparer.OrdinalIgnoreCase);
}
