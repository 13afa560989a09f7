using System.Text.RegularExpressions;
using LibGit2Sharp;
using ReviewQueue.Core.Subsystems;

namespace ReviewQueue.Git.Maintainers;

/// <summary>A person who gave Reviewed-by/Acked-by on recent commits touching the same files, with how often.</summary>
public sealed record SuggestedReviewer(string Name, string Email, int Count);

/// <summary>
/// Like get_maintainer.pl --git, but only review trailers: walks the branch back to <c>since</c>, and for commits
/// that touch any of the given paths counts Reviewed-by and Acked-by people, ranked by count.
/// </summary>
public static class RecentReviewers
{
    static readonly Regex Trailer = new(@"^(?:Reviewed-by|Acked-by):\s*(.*?)\s*<([^>]+)>\s*$",
        RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <param name="fetched">The tree has a Remote: the branch is the one the sync fetched (refs/remotes/reviewqueue/).</param>
    /// <param name="mailmap">The tree's .mailmap: each reviewer is counted and named as it maps them (get_maintainer.pl
    /// --git maps commit signers so), so one person's reviews from two addresses add up, and the author at any of their
    /// addresses is left out.</param>
    public static IReadOnlyList<SuggestedReviewer> Find(string repositoryPath, string branch, IReadOnlyCollection<string> paths,
        DateTimeOffset since, string? excludeEmail, int max = 10, bool fetched = false, Mailmap? mailmap = null)
    {
        mailmap ??= Mailmap.Empty;
        var excluded = excludeEmail is null ? null : PersonAddress.Parse(mailmap.Map(PersonAddress.Format("", excludeEmail.Trim()))).Address;
        using var repo = new Repository(repositoryPath);
        var tip = Trees.TreeRepository.Head(repo, branch, fetched);
        if (tip is null || paths.Count == 0)
            return [];
        var wanted = paths.ToHashSet(StringComparer.Ordinal);
        var counts = new Dictionary<string, (string Name, string Email, int Count)>(StringComparer.OrdinalIgnoreCase);
        var filter = new CommitFilter { IncludeReachableFrom = tip, SortBy = CommitSortStrategies.Time };
        foreach (var commit in repo.Commits.QueryBy(filter))
        {
            if (commit.Committer.When < since)
                break;
            var parent = commit.Parents.FirstOrDefault();
            var changes = repo.Diff.Compare<TreeChanges>(parent?.Tree, commit.Tree, paths);
            if (!changes.Any(c => wanted.Contains(c.Path) || wanted.Contains(c.OldPath)))
                continue;
            foreach (Match m in Trailer.Matches(commit.Message))
            {
                var person = PersonAddress.Parse(mailmap.Map(PersonAddress.Format(m.Groups[1].Value.Trim('"', ' '), m.Groups[2].Value.Trim())));
                var email = person.Address;
                if (excluded is not null && email.Equals(excluded, StringComparison.OrdinalIgnoreCase))
                    continue;
                counts[email] = counts.TryGetValue(email, out var c) ? c with { Count = c.Count + 1 } : (person.Name.Trim('"'), email, 1);
            }
        }
        return [.. counts.Values.OrderByDescending(c => c.Count).ThenBy(c => c.Email, StringComparer.Ordinal)
            .Take(max).Select(c => new SuggestedReviewer(c.Name, c.Email, c.Count))];
    }
}
