using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Series;

namespace ReviewQueue.Core.Review;

/// <summary>Derives review states from what series assembly found, under the review rules.</summary>
public static class ReviewStates
{
    /// <summary>A trailer that makes a patch reviewed: review (or ack, or test when the policy says), not by the author.</summary>
    public static bool CountsAsReview(GivenTrailer t, Person author, ReviewRules rules)
    {
        var meaning = rules.Meaning(t.Name);
        bool kind = meaning is TrailerMeaning.Review or TrailerMeaning.Ack || (meaning == TrailerMeaning.Test && rules.TestedCounts);
        if (!kind || (!t.IdentityOk && !rules.MismatchCounts))
            return false;
        return !IsAuthor(t, author);
    }

    /// <summary>An author's own Acked-by or Reviewed-by is no review.</summary>
    public static bool IsAuthor(GivenTrailer t, Person author) => Identity.IsAuthor(t.Email, t.Person, author);

    public static ReviewState Of(SeriesPatch patch, SeriesRevision revision, ReviewRules rules)
    {
        if (patch.Accepted is not null)
            return ReviewState.Accepted;
        if (revision.SupersededBy is not null)
            return ReviewState.Superseded;
        if (revision.WithdrawnAt is not null)
            return ReviewState.Withdrawn;
        if (patch.Objected)
            return ReviewState.Objected;
        if (HasReview(patch, rules))
            return ReviewState.Reviewed;
        return patch.Discussion.Count > 0 ? ReviewState.Discussed : ReviewState.Unreviewed;
    }

    public static ReviewState Of(SeriesRevision revision, ReviewRules rules)
    {
        var states = revision.Patches.Select(p => Of(p, revision, rules)).ToList();
        if (states.Count > 0 && states.All(s => s == ReviewState.Accepted))
            return ReviewState.Accepted;
        if (revision.SupersededBy is not null)
            return ReviewState.Superseded;
        if (revision.WithdrawnAt is not null)
            return ReviewState.Withdrawn;
        // Accepted and reviewed are separate facts (DOMAIN.md 6). Patches already accepted are done, not
        // waiting, so a revision that is partly accepted is described by the patches still open: all of those
        // reviewed -> reviewed, some -> partly reviewed, none -> discussed or unreviewed, and an objection to
        // one of them wins over those. Its reviewed count (ReviewedPatches) still counts every patch with a
        // review, so "reviewed 1/2" can mean: one patch applied without a review, the other reviewed.
        int open = 0, reviewed = 0;
        bool objected = false, discussed = false;
        foreach (var s in states)
        {
            if (s == ReviewState.Accepted)
                continue;
            open++;
            reviewed += s == ReviewState.Reviewed ? 1 : 0;
            objected |= s == ReviewState.Objected;
            discussed |= s == ReviewState.Discussed;
        }
        if (objected)
            return ReviewState.Objected;
        if (open > 0 && reviewed == open)
            return ReviewState.Reviewed;
        if (reviewed > 0)
            return ReviewState.PartlyReviewed;
        return discussed || revision.CoverDiscussion.Count > 0
            ? ReviewState.Discussed
            : ReviewState.Unreviewed;
    }

    /// <summary>
    /// How many of the revision's patches are reviewed (the k of "k/N", topics.reviewed): those in state
    /// Reviewed, and accepted ones that carry a counting review trailer. Being accepted is no review.
    /// </summary>
    public static int ReviewedPatches(SeriesRevision revision, ReviewRules rules) =>
        revision.Patches.Count(p => CountsReviewed(p, Of(p, revision, rules), rules));

    /// <summary>A patch in this state counts in <see cref="ReviewedPatches"/> (for a caller that has its state already).</summary>
    public static bool CountsReviewed(SeriesPatch patch, ReviewState state, ReviewRules rules) => state switch
    {
        ReviewState.Reviewed => true,
        ReviewState.Accepted => HasReview(patch, rules),
        _ => false,
    };

    /// <summary>Someone other than the author gave the patch a review trailer (on it, its cover letter, or carried).</summary>
    public static bool HasReview(SeriesPatch patch, ReviewRules rules) =>
        patch.Trailers.Any(t => CountsAsReview(t, patch.Author, rules));

    /// <summary>When the first review trailer (or, failing that, nothing) reached this revision's patches.</summary>
    public static DateTimeOffset? FirstReview(SeriesRevision revision, ReviewRules rules) =>
        revision.Patches
            .SelectMany(p => p.Trailers.Where(t => t.AppliesVia != TrailerVia.Carried && CountsAsReview(t, p.Author, rules)))
            .Select(t => (DateTimeOffset?)t.Date)
            .Min();

    /// <summary>The last thing that happened to a topic: a posting, a reply, a trailer, an acceptance, a withdrawal.</summary>
    public static DateTimeOffset LastActivity(Topic topic) =>
        topic.Revisions
            .SelectMany(r => r.Patches.SelectMany(p => p.Trailers.Where(t => t.AppliesVia != TrailerVia.Carried).Select(t => t.Date)
                    .Concat(p.Discussion.Select(d => d.Date))
                    .Concat(p.Accepted is { } a ? [a.Date] : [])
                    .Append(p.Date))
                .Concat(r.CoverDiscussion.Select(d => d.Date))
                .Concat(r.WithdrawnAt is { } w ? [w] : [])
                .Append(r.Posted))
            .Max();

    /// <summary>
    /// Does this revision ask its subsystem for review? A backport to a stable tree does not (the change was reviewed
    /// upstream; the stable maintainers take it or not) unless the policy counts backports as debt.
    /// </summary>
    public static bool AsksSubsystemReview(SeriesRevision revision, ReviewRules rules) =>
        revision.StableTree is null || rules.BackportsAreDebt;

    /// <summary>Open and untouched for the policy's StaleAfter.</summary>
    public static bool IsStale(Topic topic, ReviewRules rules, DateTimeOffset asOf) =>
        Of(topic.Current, rules).IsOpen() && asOf - LastActivity(topic) >= rules.StaleAfter;
}
