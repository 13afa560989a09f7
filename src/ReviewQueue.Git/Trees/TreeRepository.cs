using LibGit2Sharp;

namespace ReviewQueue.Git.Trees;

/// <summary>
/// Opens a watched tree's repository and fetches its branches. With a Remote URL the branches are
/// fetched into refs/remotes/reviewqueue/BRANCH (a bare repository is created at Path if none is
/// there); without one, the branches are read as the repository has them (local or remote-tracking).
/// </summary>
public static class TreeRepository
{
    public const string RemoteName = "reviewqueue";
    public const string RefPrefix = "refs/remotes/reviewqueue/";

    public static Repository Open(string path, string? remote)
    {
        if (remote is not null && !Repository.IsValid(path))
            Repository.Init(path, isBare: true);
        return new Repository(path);
    }

    /// <param name="timeout">How long to wait to connect, and then for each answer of the remote.</param>
    /// <param name="stopping">Once cancelled, a fetch a signal interrupted is not begun again (a service stopping).</param>
    public static void Fetch(Repository repo, string remote, IEnumerable<string> branches, TimeSpan timeout, CancellationToken stopping = default)
    {
        NativeDiff.SetServerTimeouts(timeout);
        // libgit2 fetches from a named remote: keep one called "reviewqueue" pointing at the URL.
        var existing = repo.Network.Remotes[RemoteName];
        if (existing is null)
            repo.Network.Remotes.Add(RemoteName, remote, $"+refs/heads/*:{RefPrefix}*");
        else if (existing.Url != remote)
            repo.Network.Remotes.Update(RemoteName, r => r.Url = remote);
        var refspecs = branches.Select(b => $"+refs/heads/{b}:{RefPrefix}{b}").ToList();
        // With a timeout, libgit2 waits for the remote in poll(), which a signal handled on this thread ends with EINTR (the
        // runtime's SIGCHLD as a child process ends, a terminal's SIGWINCH): "Interrupted system call" is no answer of the
        // remote, and a fetch begun again from the start is the same fetch.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                // Prune: a branch deleted upstream must be missing here too, not synced on at the head the last fetch left.
                Commands.Fetch(repo, RemoteName, refspecs, new FetchOptions { TagFetchMode = TagFetchMode.None, Prune = true }, "reviewqueue: fetch");
                return;
            }
            catch (LibGit2SharpException e) when (attempt < InterruptedTries && !stopping.IsCancellationRequested
                && e.Message.Contains("Interrupted system call", StringComparison.Ordinal))
            {
            }
        }
    }

    /// <summary>Fetches a signal may interrupt, one after another, before the interruption is the fetch's failure.</summary>
    const int InterruptedTries = 10;

    /// <summary>
    /// Why <see cref="Head"/> found nothing, in words a maintainer can act on: a fetched branch the remote did not
    /// have, or a local one with the branches the repository does have (a typo shows at once).
    /// </summary>
    public static string NoBranch(Repository repo, string branch, bool fetched)
    {
        if (fetched)
            return $"the remote has no branch {branch}";
        const int shown = 10;
        var names = repo.Branches.Select(b => b.FriendlyName).Where(n => !n.EndsWith("/HEAD", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
            return $"no branch {branch} in the repository (it has none yet)";
        return $"no branch {branch} in the repository (it has: {string.Join(", ", names.Take(shown))}{(names.Count > shown ? $" and {names.Count - shown} more" : "")})";
    }

    /// <summary>The branch's head commit, or null when the repository has no such branch.</summary>
    public static Commit? Head(Repository repo, string branch, bool fetched)
    {
        if (fetched)
            return repo.Refs[RefPrefix + branch]?.ResolveToDirectReference()?.Target as Commit;
        var b = repo.Branches[branch];
        return b?.Tip;
    }
}
