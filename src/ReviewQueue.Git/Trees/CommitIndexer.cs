using LibGit2Sharp;
using ReviewQueue.Git.Merged;

namespace ReviewQueue.Git.Trees;

/// <summary>Reads what merged detection needs from one commit: its patch-id, author, title and linked message ids.</summary>
public static class CommitIndexer
{
    public static IndexedCommit Index(Repository repo, Commit commit)
    {
        var (patchId, fullPatchId) = CommitDiff.PatchIds(repo, commit);
        return new(
        commit.Sha,
        commit.Tree.Sha,
        patchId,
        fullPatchId,
        commit.Author.Name,
        commit.Author.Email.Trim().ToLowerInvariant(),
        commit.MessageShort,
        commit.Author.When,
        CommitTrailers.LinkedMessageIds(commit.Message));
    }

    public static string TitleKeyOf(IndexedCommit commit) => TitleKey.Of(commit.Title);
}
