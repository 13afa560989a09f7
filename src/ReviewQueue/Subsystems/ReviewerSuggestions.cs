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

    public static IReadOnlyList<ReviewerSuggestion> For(MaintainersAnswer answer, string? authorEmail,
        string? repositoryPath, string? branch, DateTimeOffset now, int maxRecent = 5, bool fetched = false)
    {
        var result = new List<ReviewerSuggestion>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (authorEmail is not null)
            seen.Add(authorEmail);
        foreach (var r in answer.Recipients)
        {
            if (!r.Role.StartsWith("reviewer", StringComparison.Ordinal) && r.Role.Contains("list", StringComparison.Ordinal))
                continue;
            var p = PersonAddress.Parse(r.Address);
            if (p.Address.Length == 0 || !p.Address.Contains('@') || !seen.Add(p.Address))
                continue;
            result.Add(new ReviewerSuggestion(p.Name.Trim('"'), p.Address, r.Role, 0));
        }
        if (repositoryPath is null || branch is null)
            return result;
        foreach (var r in RecentReviewers.Find(repositoryPath, branch, answer.Paths, now - Window, authorEmail, maxRecent * 2, fetched))
        {
            if (!seen.Add(r.Email))
                continue;
            result.Add(new ReviewerSuggestion(r.Name, r.Email, $"recent reviews ({r.Count})", r.Count));
            if (result.Count(x => x.RecentReviews > 0) == maxRecent)
                break;
        }
        return result;
    }
}
