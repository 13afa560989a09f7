using ReviewQueue.Core.Review;

namespace ReviewQueue.Debt;

/// <summary>
/// get_maintainer.pl's fallback when no MAINTAINERS file is loaded: every file belongs to THE REST
/// and nobody in particular is suggested. Replaced by the MAINTAINERS matcher when one is wired.
/// </summary>
public sealed class TheRestSubsystems : ISubsystemMap
{
    public const string TheRest = "THE REST";

    public IReadOnlyList<string> SectionsOf(IReadOnlyList<string> files) => files.Count == 0 ? [] : [TheRest];

    public IReadOnlyList<string> SuggestedReviewers(IReadOnlyList<string> sections, string? authorEmail) => [];
}
