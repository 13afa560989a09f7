using ReviewQueue.Core.Series;
using ReviewQueue.Core.Subsystems;

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
        var tally = new DebtTally(rules, map, asOf);
        tally.Add(topics);
        return tally.Report();
    }

    /// <summary>
    /// Worst debt first: unreviewed fixes, then patch-days, open series, then name; THE REST after every other section.
    /// Every file is in THE REST (Linux's F: * and */), so it holds every waiting series and by its figures alone ranked
    /// first, above the subsystems a maintainer looks for; it says least of where a series waits, as in a digest
    /// (DigestContent.Only). Without a MAINTAINERS it is the one section.
    /// </summary>
    public static int WorstFirst(SubsystemDebt a, SubsystemDebt b)
    {
        int c = (a.Name == Section.TheRest).CompareTo(b.Name == Section.TheRest);
        if (c == 0)
            c = b.WaitingFixes.CompareTo(a.WaitingFixes);
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
}
