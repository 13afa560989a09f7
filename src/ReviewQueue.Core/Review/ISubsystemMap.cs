using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Review;

/// <summary>
/// Where patches belong: MAINTAINERS sections and who to ask. The seam between review debt and the
/// MAINTAINERS matcher (get_maintainer.pl semantics).
/// </summary>
public interface ISubsystemMap
{
    /// <summary>Names of the MAINTAINERS sections these files map to, in get_maintainer.pl order.</summary>
    IReadOnlyList<string> SectionsOf(IReadOnlyList<string> files);

    /// <summary>Reviewers and maintainers of these sections as "Name &lt;email&gt;", the author left out (by the
    /// .mailmap, which may know a person by their name and address together).</summary>
    IReadOnlyList<string> SuggestedReviewers(IReadOnlyList<string> sections, string? authorEmail, string? authorName = null);

    /// <summary>
    /// Which sections and patterns files are mapped by: another value (MAINTAINERS changed) means every stored day of
    /// the debt history was measured under other sections and is measured again. Empty: a map that never changes.
    /// </summary>
    string Signature => "";

    /// <summary>
    /// Who is who: the tree's .mailmap (or Maintainers:Mailmap) as git applies it, so a person's addresses count as one
    /// person. Empty when there is none.
    /// </summary>
    GitMailmap Mailmap => GitMailmap.Empty;
}
