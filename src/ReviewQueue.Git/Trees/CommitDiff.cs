using System.Text;
using LibGit2Sharp;

namespace ReviewQueue.Git.Trees;

/// <summary>
/// A commit's diff against its first parent in the text <c>git show</c> prints (renames detected,
/// indent heuristic, three lines of context), which is what <c>git patch-id --stable</c> hashes.
/// </summary>
public static class CommitDiff
{
    static readonly CompareOptions Options = new()
    {
        ContextLines = 3,
        InterhunkLines = 0,
        IndentHeuristic = true,
        Similarity = SimilarityOptions.Renames,
    };

    public static string Text(Repository repo, Commit commit)
    {
        var parent = commit.Parents.FirstOrDefault();
        using var patch = repo.Diff.Compare<Patch>(parent?.Tree, commit.Tree, Options);
        var text = new StringBuilder();
        foreach (var entry in patch)
        {
            if (entry.Status == ChangeKind.Renamed && entry.OldOid != entry.Oid)
                text.Append(WithGitSimilarity(repo, entry));
            else
                text.Append(entry.Patch);
        }
        return text.ToString();
    }

    static string WithGitSimilarity(Repository repo, PatchEntryChanges entry)
    {
        const string marker = "similarity index ";
        var patch = entry.Patch;
        int at = patch.IndexOf("\n" + marker, StringComparison.Ordinal);
        if (at < 0)
            return patch;
        int start = at + 1 + marker.Length;
        int end = patch.IndexOf('%', start);
        if (end < 0)
            return patch;
        var percent = RenameSimilarity.Percent(Content(repo, entry.OldOid), Content(repo, entry.Oid));
        return string.Concat(patch.AsSpan(0, start), percent.ToString(System.Globalization.CultureInfo.InvariantCulture), patch.AsSpan(end));
    }

    static byte[] Content(Repository repo, ObjectId id)
    {
        var blob = repo.Lookup<Blob>(id);
        using var stream = blob.GetContentStream();
        var bytes = new byte[blob.Size];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The commit's <c>git patch-id --stable</c>, or null for a commit that changes nothing.</summary>
    public static string? PatchId(Repository repo, Commit commit) =>
        ReviewQueue.Core.Mail.PatchId.Compute(Encoding.UTF8.GetBytes(Text(repo, commit)));
}
