using LibGit2Sharp;

namespace ReviewQueue.Git.Apply;

/// <summary>What a patch does to a tree: applies, is already there (it applies in reverse), conflicts, or cannot be read.</summary>
public enum ApplyStatus { Applies, AlreadyPresent, Conflicts, Malformed }

/// <summary>The outcome for one patch; Problems say which file and hunk failed forwards (or why the diff is unreadable).</summary>
public sealed record ApplyResult(ApplyStatus Status, IReadOnlyList<ApplyProblem> Problems);

/// <summary>
/// Checks patches against a commit's tree in memory, as <c>git apply --check</c> (then <c>-R</c>)
/// would against a checkout of it. A series is checked in order: a patch that applies changes
/// what the next one sees; one already present or conflicting leaves the image as it was.
/// </summary>
public static class ApplyCheck
{
    public static ApplyResult Check(Repository repo, Commit commit, byte[] diff) =>
        CheckSeries(repo, commit, [diff])[0];

    public static IReadOnlyList<ApplyResult> CheckSeries(Repository repo, Commit commit, IReadOnlyList<byte[]> diffs)
    {
        IPreimageSource image = new TreeSource(repo, commit.Tree);
        var results = new List<ApplyResult>();
        foreach (var diff in diffs)
        {
            var parsed = DiffParser.Parse(diff);
            if (parsed.Problems.Count > 0)
            {
                results.Add(new ApplyResult(ApplyStatus.Malformed, parsed.Problems.Select(p => new ApplyProblem("(diff)", p)).ToList()));
                continue;
            }
            var forward = new PatchApplier(image);
            var problems = forward.Apply(parsed.Files);
            if (problems.Count == 0)
            {
                results.Add(new ApplyResult(ApplyStatus.Applies, []));
                image = forward;
                continue;
            }
            var reverse = new PatchApplier(image).Apply(parsed.Files.Select(f => f.Reverse()).ToList());
            results.Add(new ApplyResult(reverse.Count == 0 ? ApplyStatus.AlreadyPresent : ApplyStatus.Conflicts, problems));
        }
        return results;
    }

    /// <summary>A commit's tree read through LibGit2Sharp, blob by blob as the patch asks for them.</summary>
    sealed class TreeSource(Repository repo, Tree tree) : IPreimageSource
    {
        public TreeFile? Find(string path)
        {
            var entry = tree[path];
            if (entry is null || entry.TargetType == TreeEntryTargetType.Tree)
                return null;
            if (entry.Target is not Blob blob)
                return new TreeFile((int)entry.Mode, System.Text.Encoding.ASCII.GetBytes($"Subproject commit {entry.Target.Sha}\n"));
            return new TreeFile((int)entry.Mode, Content(blob));
        }

        public byte[]? FindBlob(string oid) =>
            ObjectId.TryParse(oid, out var id) && repo.Lookup<Blob>(id) is { } blob ? Content(blob) : null;

        static byte[] Content(Blob blob)
        {
            using var stream = blob.GetContentStream();
            var bytes = new byte[blob.Size];
            stream.ReadExactly(bytes);
            return bytes;
        }
    }
}
