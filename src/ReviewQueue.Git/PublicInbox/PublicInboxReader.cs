using LibGit2Sharp;

namespace ReviewQueue.Git.PublicInbox;

/// <summary>What a folder turned out to be when asked whether it is a public-inbox epoch.</summary>
public enum EpochShape
{
    /// <summary>Not a git repository at all (nor is a folder inside a working tree taken for one).</summary>
    NotARepository,
    /// <summary>A git repository, but its commits hold something other than one blob "m" or "d".</summary>
    NotAnEpoch,
    /// <summary>An epoch: a repository with no commit yet (as a new epoch is) or with m/d commits only.</summary>
    Epoch,
}

/// <summary>The answer of <see cref="PublicInboxReader.Open"/>: an epoch to read, or why the folder is none.</summary>
public sealed record EpochLook(EpochShape Shape, PublicInboxEpoch? Epoch, string? Problem);

/// <summary>
/// Finds public-inbox v2 epochs (e.g. INBOX/git/0.git). An epoch is a git repository, usually bare,
/// with one commit per message: its tree holds exactly the raw message as blob "m", or, for a message
/// taken down (spam, a removal request), blob "d" with the removed message's content instead.
/// </summary>
public static class PublicInboxReader
{
    /// <summary>
    /// Looks at the newest commit first, so that a source tree (the Linux kernel's: a million commits)
    /// is refused at once instead of walked; then, for an epoch, one pass over every commit's tree
    /// (entries only, no message read) counts the messages and collects the blob ids of removals.
    /// </summary>
    /// <param name="readUpTo">Where an earlier import of an epoch (known by its first commit) stopped, if one did: only the
    /// commits after it are read. A commit the epoch no longer has, or no longer builds on (its history was rewritten, as
    /// public-inbox-purge does), is ignored: everything is read again, and what is stored is a duplicate.</param>
    public static EpochLook Open(string path, Func<string, string?>? readUpTo = null)
    {
        // Only the folder itself: Discover would also accept any folder inside a working tree.
        if (!Repository.IsValid(path))
            return new EpochLook(EpochShape.NotARepository, null, null);
        using var repo = new Repository(path);
        var head = repo.Head?.Tip;
        if (head is null)
        {
            // A new epoch: HEAD names a branch without any commit yet, and there is no other ref.
            if (repo.Refs.Any())
                return NotAnEpoch($"a git repository whose HEAD ({repo.Head?.CanonicalName}) names no commit, though it has other refs");
            // An inbox's all.git is as empty, but borrows every epoch's objects: read as an epoch it would be 0 messages.
            if (File.Exists(Path.Combine(repo.Info.Path, "objects", "info", "alternates")))
                return NotAnEpoch("a git repository without commits that borrows the objects of others (objects/info/alternates), " +
                    $"as a public-inbox v2 inbox's all.git does: import the inbox {InboxOf(path)} (its epochs, git/0.git, git/1.git, …)");
            return new EpochLook(EpochShape.Epoch, PublicInboxEpoch.Empty(path), null);
        }
        if (Describe(head) is { } headProblem)
            return NotAnEpoch(headProblem);

        int messages = 0;
        bool mail = false;
        var removed = new HashSet<ObjectId>();
        string? root = null; // the first commit, oldest first
        ObjectId? after = null;
        int readBefore = 0;
        foreach (var commit in Walk(repo))
        {
            if (root is null)
            {
                root = commit.Sha;
                after = ReadUpTo(repo, head, readUpTo?.Invoke(root));
            }
            if (Describe(commit) is { } problem)
                return NotAnEpoch(problem);
            if (IsPurged(commit))
            {
                messages++;
                if (commit.Id == after)
                    readBefore = messages;
                continue;
            }
            mail = true;
            var entry = commit.Tree.First();
            if (entry.Name == "m")
            {
                messages++;
                // Learned again after its removal: the message is in the archive after all.
                removed.Remove(entry.Target.Id);
            }
            else
                removed.Add(entry.Target.Id);
            if (commit.Id == after)
                readBefore = messages;
        }
        // Empty trees alone are no purged inbox but a new project's empty first commit.
        if (!mail && head.Tree.Count == 0)
            return NotAnEpoch($"a git repository but not a public-inbox epoch: its commits hold nothing (commit {head.Sha[..12]}), " +
                "where an epoch's commits hold one blob, m (a message) or d (a removed one)");
        return new EpochLook(EpochShape.Epoch, new PublicInboxEpoch(path, messages - readBefore, removed, root, head.Sha, after, readBefore), null);
    }

    /// <summary>The commit an earlier import stopped at, when the epoch still builds on it; else null (read it all).</summary>
    static ObjectId? ReadUpTo(Repository repo, Commit head, string? commit) =>
        commit is not null && ObjectId.TryParse(commit, out var id) && repo.Lookup<Commit>(id) is { } known
            && repo.ObjectDatabase.FindMergeBase(known, head)?.Id == id ? id : null;

    /// <summary>
    /// The epochs of a v2 inbox folder (INBOX/git/N.git, as public-inbox-clone and grokmirror lay it out; or of
    /// INBOX/git itself) in the order public-inbox wrote them, which is numeric: 10.git comes after 9.git.
    /// Null when the folder holds none.
    /// </summary>
    public static IReadOnlyList<string>? EpochsOf(string inbox)
    {
        foreach (var folder in new[] { Path.Combine(inbox, "git"), inbox })
        {
            if (!Directory.Exists(folder))
                continue;
            var epochs = Directory.EnumerateDirectories(folder)
                .Select(d => (Path: d, Number: EpochNumber(System.IO.Path.GetFileName(d))))
                .Where(e => e.Number >= 0)
                .OrderBy(e => e.Number)
                .Select(e => e.Path)
                .ToList();
            if (epochs.Count > 0)
                return epochs;
        }
        return null;
    }

    static long EpochNumber(string name) =>
        name.EndsWith(".git", StringComparison.Ordinal) && name.Length > 4 && name[..^4].All(char.IsAsciiDigit)
            && long.TryParse(name[..^4], out var n) ? n : -1;

    static string InboxOf(string allGit)
    {
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(allGit));
        return string.IsNullOrEmpty(parent) ? Path.GetDirectoryName(Path.GetFullPath(allGit))! : parent;
    }

    /// <summary>Oldest first, as public-inbox wrote them: all of HEAD's, or those after <paramref name="after"/>.</summary>
    internal static IEnumerable<Commit> Walk(Repository repo, ObjectId? after = null) =>
        repo.Commits.QueryBy(new CommitFilter
        {
            IncludeReachableFrom = repo.Head,
            ExcludeReachableFrom = after,
            SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Reverse,
        });

    /// <summary>
    /// public-inbox-purge rewrites history so the purged message's bytes are gone: since 1.7 its commit keeps an
    /// empty blob "m"; before, it lost "m" altogether, which leaves an epoch's first commit with an empty tree.
    /// The empty blob is known by its id, so the scan still reads no blob.
    /// </summary>
    internal static bool IsPurged(Commit commit) =>
        commit.Tree.Count == 0 || commit.Tree["m"]?.Target.Id == EmptyBlob;

    static readonly ObjectId EmptyBlob = new("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");

    /// <summary>Null when the commit's tree is a public-inbox one (one blob, "m" or "d", or none: purged), else what it holds.</summary>
    static string? Describe(Commit commit)
    {
        var tree = commit.Tree;
        if (tree.Count == 0)
            return null;
        if (tree.Count == 1 && tree.First() is { Name: "m" or "d", TargetType: TreeEntryTargetType.Blob })
            return null;
        var names = tree.Take(4).Select(e => e.TargetType == TreeEntryTargetType.Tree ? e.Name + "/" : e.Name).ToList();
        var shown = string.Join(", ", names) + (tree.Count > names.Count ? $" … ({tree.Count} entries)" : "");
        return $"a git repository but not a public-inbox epoch: commit {commit.Sha[..12]} holds {shown}, " +
            "where an epoch's commits hold one blob, m (a message) or d (a removed one), or nothing (a purged one)";
    }

    static EpochLook NotAnEpoch(string problem) => new(EpochShape.NotAnEpoch, null, problem);
}
