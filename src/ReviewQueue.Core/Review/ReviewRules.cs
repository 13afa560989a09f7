using ReviewQueue.Core.Series;

namespace ReviewQueue.Core.Review;

/// <summary>
/// What counts as review, made from the policy in seeds/ (overridable in appsettings.json).
/// </summary>
/// <param name="Meaning">What a trailer name means (Reviewed-by → Review, …).</param>
/// <param name="TestedCounts">Does Tested-by make a patch reviewed?</param>
/// <param name="MismatchCounts">Does a trailer whose address is not its sender's count? (b4 ignores them.)</param>
/// <param name="StaleAfter">An open series with no activity for this long is called stale.</param>
/// <param name="BackportsAreDebt">
/// Does a backport to a stable tree (AUTOSEL's picks, a stable review series, a hand-made backport) wait for the
/// subsystem's review? By default it does not: the change was reviewed upstream, and the stable maintainers take it.
/// </param>
public sealed record ReviewRules(Func<string, TrailerMeaning> Meaning, bool TestedCounts, bool MismatchCounts, TimeSpan StaleAfter,
    bool BackportsAreDebt = false);
