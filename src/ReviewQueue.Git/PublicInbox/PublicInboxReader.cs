using LibGit2Sharp;
using ReviewQueue.Core.Ingest;

namespace ReviewQueue.Git.PublicInbox;

/// <summary>
/// A public-inbox v2 epoch (e.g. all.git/…/0.git): one commit per message, the raw message in blob
/// "m" of the commit's tree. Read oldest first; a commit without "m" is a deletion and skipped.
/// </summary>
public static class PublicInboxReader
{
    public static bool IsEpoch(string path)
    {
        try
        {
            // Only the folder itself: Discover would also accept any folder inside a working tree.
            if (!Repository.IsValid(path))
                return false;
            using var repo = new Repository(path);
            var head = repo.Head?.Tip;
            return head is not null && (head.Tree["m"] is not null || head.Parents.Any());
        }
        catch (RepositoryNotFoundException)
        {
            return false;
        }
    }

    public static int Count(string path)
    {
        using var repo = new Repository(path);
        return repo.Head?.Tip is null ? 0 : repo.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = repo.Head }).Count();
    }

    public static IEnumerable<RawMail> Read(string path)
    {
        using var repo = new Repository(path);
        if (repo.Head?.Tip is null)
            yield break;
        var filter = new CommitFilter
        {
            IncludeReachableFrom = repo.Head,
            SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Reverse,
        };
        foreach (var commit in repo.Commits.QueryBy(filter))
        {
            if (commit.Tree["m"]?.Target is not Blob blob)
                continue;
            using var content = blob.GetContentStream();
            using var ms = new MemoryStream((int)blob.Size);
            content.CopyTo(ms);
            yield return new RawMail(ms.ToArray(), $"{path}@{commit.Sha[..12]}", commit.Committer.When);
        }
    }
}
