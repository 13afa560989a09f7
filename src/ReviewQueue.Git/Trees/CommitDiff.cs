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

    public static string Text(Repository repo, Commit commit) => Texts(repo, commit).Git;

    /// <summary>
    /// The diff as git show prints it, and, when the commit has binary files, the same with full
    /// blob ids on their index lines: a posted binary patch (format-patch --binary has full ids)
    /// hashes to that one, never to git show's abbreviated form.
    /// </summary>
    public static (string Git, string? FullIndex) Texts(Repository repo, Commit commit)
    {
        var parent = commit.Parents.FirstOrDefault();
        using var patch = repo.Diff.Compare<Patch>(parent?.Tree, commit.Tree, Options);
        var text = new StringBuilder();
        StringBuilder? full = null;
        foreach (var entry in patch)
        {
            var part = WithoutFileLinesUnlessHunks(entry.Status == ChangeKind.Renamed && entry.OldOid != entry.Oid
                ? WithGitSimilarity(repo, entry)
                : entry.Patch);
            text.Append(part);
            if (entry.IsBinaryComparison)
            {
                full ??= new StringBuilder(text.ToString(0, text.Length - part.Length));
                full.Append(WithFullIndex(part, entry));
            }
            else
                full?.Append(part);
        }
        return (text.ToString(), full?.ToString());
    }

    /// <summary>
    /// git prints a file's "--- a/x" and "+++ b/x" lines only before a hunk: an empty file added or
    /// removed has none, and libgit2 prints the two lines anyway.
    /// </summary>
    internal static string WithoutFileLinesUnlessHunks(string part)
    {
        if (part.Contains("\n@@ ", StringComparison.Ordinal))
            return part;
        int at = part.IndexOf("\n--- ", StringComparison.Ordinal);
        if (at < 0)
            return part;
        int end = part.IndexOf('\n', at + 1);
        if (end < 0 || !part.AsSpan(end + 1).StartsWith("+++ ", StringComparison.Ordinal))
            return part;
        int after = part.IndexOf('\n', end + 1);
        return string.Concat(part.AsSpan(0, at + 1), after < 0 ? "" : part.AsSpan(after + 1));
    }

    static string WithFullIndex(string part, PatchEntryChanges entry) => FullIndex(part, entry.OldOid, entry.Oid);

    /// <summary>The file header (or patch) with its index line's abbreviated ids replaced by full ones.</summary>
    internal static string FullIndex(string part, ObjectId oldId, ObjectId newId)
    {
        int newline = part.IndexOf("\nindex ", StringComparison.Ordinal);
        if (newline < 0)
            return part;
        int at = newline + 1;
        int end = part.IndexOf('\n', at);
        var line = part[at..end];
        int space = line.IndexOf(' ', 6);
        var mode = space < 0 ? "" : line[space..];
        return string.Concat(part.AsSpan(0, at), $"index {oldId.Sha}..{newId.Sha}{mode}", part.AsSpan(end));
    }

    static string WithGitSimilarity(Repository repo, PatchEntryChanges entry) =>
        FixSimilarity(entry.Patch, RenameSimilarity.Percent(Content(repo, entry.OldOid), Content(repo, entry.Oid)));

    /// <summary>The "similarity index N%" line set to git's score.</summary>
    internal static string FixSimilarity(string patch, int percent)
    {
        const string marker = "similarity index ";
        int at = patch.IndexOf("\n" + marker, StringComparison.Ordinal);
        if (at < 0)
            return patch;
        int start = at + 1 + marker.Length;
        int end = patch.IndexOf('%', start);
        if (end < 0)
            return patch;
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
    public static string? PatchId(Repository repo, Commit commit) => PatchIds(repo, commit).Git;

    /// <summary>git's patch-id, and the full-index one for commits with binary files (else null).</summary>
    public static (string? Git, string? FullIndex) PatchIds(Repository repo, Commit commit)
    {
        var (git, full) = Texts(repo, commit);
        return (ReviewQueue.Core.Mail.PatchId.Compute(Encoding.UTF8.GetBytes(git)),
            full is null ? null : ReviewQueue.Core.Mail.PatchId.Compute(Encoding.UTF8.GetBytes(full)));
    }
}
