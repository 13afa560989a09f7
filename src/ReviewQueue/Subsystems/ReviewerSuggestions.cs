using ReviewQueue.Core.Subsystems;
using ReviewQueue.Git.Maintainers;

namespace ReviewQueue.Subsystems;

/// <summary>One suggested reviewer and why: "maintainer:SECTION", "reviewer:SECTION" or "recent reviews (N)".</summary>
public sealed record ReviewerSuggestion(string Name, string Email, string Reason, int RecentReviews);

/// <summary>
/// Who should review a series: the M: and R: people of its sections in get_maintainer.pl's order, then people who
/// gave Reviewed-by/Acked-by on commits of the last twelve months touching the same files, ranked by count; the
/// series' own author never.
/// </summary>
public static class ReviewerSuggestions
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(365);

    /// <param name="mailmap">The tree's .mailmap: the people are one person at any of their addresses as git reads it.</param>
    public static IReadOnlyList<ReviewerSuggestion> For(MaintainersAnswer answer, Mailmap mailmap, string? authorEmail,
        string? repositoryPath, string? branch, DateTimeOffset now, int maxRecent = 5, bool fetched = false)
    {
        var result = new List<ReviewerSuggestion>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        // Who someone is: their address as git maps it, so the author writing from an old address is still the author,
        // and a maintainer who also reviewed recently from another address is asked once.
        string Who(string? name, string email) => mailmap.Git.AddressOf(name, email);
        if (authorEmail is not null)
            seen.Add(Who(null, authorEmail));
        foreach (var r in answer.Recipients)
        {
            if (!r.Role.StartsWith("reviewer", StringComparison.Ordinal) && r.Role.Contains("list", StringComparison.Ordinal))
                continue;
            var p = PersonAddress.Parse(r.Address);
            if (p.Address.Length == 0 || !p.Address.Contains('@') || !seen.Add(Who(p.Name, p.Address)))
                continue;
            result.Add(new ReviewerSuggestion(p.Name.Trim('"'), p.Address, r.Role, 0));
        }
        if (repositoryPath is null || branch is null)
            return result;
        foreach (var r in RecentReviewers.Find(repositoryPath, branch, answer.Paths, now - Window, authorEmail, maxRecent * 2, fetched, mailmap))
        {
            if (!seen.Add(Who(r.Name, r.Email)))
                continue;
            result.Add(new ReviewerSuggestion(r.Name, r.Email, $"recent reviews ({r.Count})", r.Count));
            if (result.Count(x => x.RecentReviews > 0) == maxRecent)
                break;
        }
        return result;
    }
}
