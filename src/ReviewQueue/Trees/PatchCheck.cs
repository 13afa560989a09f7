using System.Text;
using Microsoft.Extensions.Options;
using ReviewQueue.Configuration;
using ReviewQueue.Git.Apply;
using ReviewQueue.Git.Base;
using ReviewQueue.Git.Trees;
using ReviewQueue.Storage;
using Repository = LibGit2Sharp.Repository;
using Commit = LibGit2Sharp.Commit;
using LibGit2SharpException = LibGit2Sharp.LibGit2SharpException;

namespace ReviewQueue.Trees;

/// <summary>
/// One branch's verdict on a patch. <see cref="Problems"/> say why it does not apply (a conflict's files and hunks, an
/// unreadable diff, a branch not there); an already-present patch has none: that it does not apply forwards is what
/// "already there" means, and listed as problems it read like a conflict. Those forward failures stay in
/// <see cref="ForwardProblems"/> (the JSON's <c>forward_problems</c>; empty for every other verdict).
/// </summary>
public sealed record BranchVerdict(string Tree, string Branch, string? Head, string Status, IReadOnlyList<string> Problems)
{
    public IReadOnlyList<string> ForwardProblems { get; init; } = [];

    public static BranchVerdict Of(string tree, string branch, string head, ApplyResult result)
    {
        var problems = result.Problems.Select(p => p.ToString()).ToList();
        return result.Status == ApplyStatus.AlreadyPresent
            ? new BranchVerdict(tree, branch, head, PatchCheck.Words(result.Status), []) { ForwardProblems = problems }
            : new BranchVerdict(tree, branch, head, PatchCheck.Words(result.Status), problems);
    }
}

/// <summary>What `check` reports for one stored patch message.</summary>
public sealed record PatchCheckReport(string MessageId, string Title, IReadOnlyList<BranchVerdict> Branches,
    IReadOnlyList<BaseReport> Bases, IReadOnlyList<MergeRow> Merges);

public sealed record BaseReport(string Tree, string? Sha, string? Branch, string How, int PreimageBlobs, string? Note);

/// <summary>Checks a stored patch against the watched trees: applies, already present or conflicts, per branch head, and its base.</summary>
public sealed class PatchCheck(IOptions<TreeList> trees, IOptions<TreeSyncOptions> options, MessageStore messages, TreeStore store)
{
    public sealed class NotFound(string message) : Exception(message);

    public async Task<PatchCheckReport> CheckAsync(string messageId, string? treeName, CancellationToken cancellationToken)
    {
        var id = Core.Ingest.EnvelopeReader.NormalizeMessageId(messageId) ?? messageId;
        var raw = await messages.RawAsync(id, cancellationToken) ?? throw new NotFound($"no stored message {id}");
        var patch = PostedPatch.FromRaw(raw) ?? throw new NotFound($"message {id} holds no patch");
        var selected = trees.Value.Trees.Where(t => treeName is null || t.Name == treeName).ToList();
        if (selected.Count == 0)
            throw new NotFound(treeName is null ? "no trees are configured (Trees in appsettings.json)" : $"no tree named {treeName}");

        var diff = Encoding.UTF8.GetBytes(patch.Diff);
        var verdicts = new List<BranchVerdict>();
        var bases = new List<BaseReport>();
        foreach (var tree in selected)
        {
            if (!Repository.IsValid(tree.Path))
            {
                verdicts.AddRange(tree.Branches.Select(b => new BranchVerdict(tree.Name, b, null, "unknown", [NoRepository(trees.Value, tree)])));
                continue;
            }
            using var repo = new Repository(tree.Path);
            var heads = new List<(string, Commit)>();
            foreach (var branch in tree.Branches)
            {
                var head = TreeRepository.Head(repo, branch, fetched: tree.Remote is not null);
                if (head is null)
                {
                    verdicts.Add(new BranchVerdict(tree.Name, branch, null, "unknown", [TreeRepository.NoBranch(repo, branch, tree.Remote is not null)]));
                    continue;
                }
                heads.Add((branch, head));
                try
                {
                    verdicts.Add(BranchVerdict.Of(tree.Name, branch, head.Sha, ApplyCheck.Check(repo, head, diff)));
                }
                catch (LibGit2SharpException e)
                {
                    verdicts.Add(new BranchVerdict(tree.Name, branch, head.Sha, "unknown", [Unreadable(e)]));
                }
            }
            bases.Add(Base(tree.Name, () => BaseFinder.Find(repo, [diff], patch.BaseCommit, heads, options.Value.BaseSearchCommits)));
        }
        var merges = await store.MergesAsync(id, cancellationToken);
        return new PatchCheckReport(id, patch.Title, verdicts, bases, merges);
    }

    /// <summary>
    /// Why a tree has no repository to check against: with a Remote the first sync makes it; without one (or where the
    /// folder holds other files) nothing will, and the configuration's key is named.
    /// </summary>
    public static string NoRepository(TreeList trees, TreeOptions tree) =>
        TreePath.Problem(trees, tree) ?? "the repository is not there yet: run trees sync";

    /// <summary>
    /// Why a branch cannot be checked although it is there: the repository lacks an object the check reads (a blob a
    /// blobless partial clone never fetched, which libgit2 cannot fetch on demand as git does), or is damaged.
    /// </summary>
    public static string Unreadable(LibGit2SharpException e) => $"the repository could not be read: {e.Message}";

    /// <summary>The tree's base as found, or none with the reason when the repository could not be read.</summary>
    public static BaseReport Base(string tree, Func<BaseGuess> find)
    {
        try
        {
            var guess = find();
            return new BaseReport(tree, guess.Sha, guess.Branch, guess.How, guess.PreimageBlobs, guess.Note);
        }
        catch (LibGit2SharpException e)
        {
            return new BaseReport(tree, null, null, "none", 0, Unreadable(e));
        }
    }

    public static string Words(ApplyStatus status) => status switch
    {
        ApplyStatus.Applies => "applies",
        ApplyStatus.AlreadyPresent => "already-present",
        ApplyStatus.Conflicts => "conflicts",
        _ => "malformed",
    };
}
