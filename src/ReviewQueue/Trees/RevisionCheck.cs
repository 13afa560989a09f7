using System.Text;
using Microsoft.Extensions.Options;
using ReviewQueue.Commands;
using ReviewQueue.Configuration;
using ReviewQueue.Git.Apply;
using ReviewQueue.Git.Base;
using ReviewQueue.Git.Trees;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using Repository = LibGit2Sharp.Repository;
using Commit = LibGit2Sharp.Commit;

namespace ReviewQueue.Trees;

/// <summary>One patch of a revision, what each watched branch says of it, and the merges trees sync recorded for it, in series order.</summary>
public sealed record RevisionPatchCheck(int Index, string MessageId, string Title, IReadOnlyList<BranchVerdict> Branches,
    IReadOnlyList<MergeRow> Merges);

/// <summary>What `check ID` reports for a topic's newest revision.</summary>
public sealed record RevisionCheckReport(string TopicId, string Title, string Version, IReadOnlyList<int> Missing,
    IReadOnlyList<RevisionPatchCheck> Patches, IReadOnlyList<BaseReport> Bases);

/// <summary>
/// Checks a topic's newest revision against the watched branch heads, in memory: each patch on top
/// of the ones before it (as git am would apply the series), and the series' base: the cover
/// letter's base-commit when the tree has it, else where its pre-image blobs are.
/// </summary>
public sealed class RevisionCheck(IOptions<TreeList> trees, IOptions<TreeSyncOptions> options, MessageStore messages, TopicStore topics,
    TreeStore store)
{
    /// <summary>The report, or null when no topic holds <paramref name="id"/>.</summary>
    public async Task<RevisionCheckReport?> CheckAsync(string id, string? treeName, CancellationToken cancellationToken)
    {
        var data = await topics.FindAsync(id, cancellationToken);
        if (data is null)
            return null;
        var topic = TopicView.Read(data);
        var selected = trees.Value.Trees.Where(t => treeName is null || t.Name == treeName).ToList();
        if (selected.Count == 0)
            throw new PatchCheck.NotFound(treeName is null ? "no trees are configured (Trees in appsettings.json)" : $"no tree named {treeName}");
        return await CheckAsync(topic, topic.Revisions[^1], selected, cancellationToken);
    }

    /// <summary>One revision of a topic against every configured tree; with none configured, empty lists.</summary>
    public Task<RevisionCheckReport> CheckAsync(TopicView topic, RevisionView revision, CancellationToken cancellationToken) =>
        CheckAsync(topic, revision, trees.Value.Trees, cancellationToken);

    async Task<RevisionCheckReport> CheckAsync(TopicView topic, RevisionView revision, IReadOnlyList<TreeOptions> selected, CancellationToken cancellationToken)
    {
        var patches = new List<(PatchView View, PostedPatch Patch)>();
        foreach (var p in revision.Patches)
        {
            var raw = await messages.RawAsync(p.MessageId, cancellationToken);
            var posted = raw is null ? null : PostedPatch.FromRaw(raw);
            if (posted is null)
                throw new PatchCheck.NotFound($"<{p.MessageId}> ({p.Index}/{p.Total}) holds no readable patch");
            patches.Add((p, posted));
        }

        var diffs = patches.Select(p => Encoding.UTF8.GetBytes(p.Patch.Diff)).ToList();
        var verdicts = patches.Select(_ => new List<BranchVerdict>()).ToList();
        var bases = new List<BaseReport>();
        foreach (var tree in selected)
        {
            if (!Repository.IsValid(tree.Path))
            {
                foreach (var list in verdicts)
                    list.AddRange(tree.Branches.Select(b => new BranchVerdict(tree.Name, b, null, "unknown", [PatchCheck.NoRepository(trees.Value, tree)])));
                continue;
            }
            using var repo = new Repository(tree.Path);
            var heads = new List<(string, Commit)>();
            foreach (var branch in tree.Branches)
            {
                var head = TreeRepository.Head(repo, branch, fetched: tree.Remote is not null);
                if (head is null)
                {
                    foreach (var list in verdicts)
                        list.Add(new BranchVerdict(tree.Name, branch, null, "unknown", [TreeRepository.NoBranch(repo, branch, tree.Remote is not null)]));
                    continue;
                }
                heads.Add((branch, head));
                try
                {
                    var results = ApplyCheck.CheckSeries(repo, head, diffs);
                    for (int i = 0; i < results.Count; i++)
                        verdicts[i].Add(BranchVerdict.Of(tree.Name, branch, head.Sha, results[i]));
                }
                catch (LibGit2Sharp.LibGit2SharpException e)
                {
                    foreach (var list in verdicts)
                        list.Add(new BranchVerdict(tree.Name, branch, head.Sha, "unknown", [PatchCheck.Unreadable(e)]));
                }
            }
            bases.Add(PatchCheck.Base(tree.Name, () => BaseFinder.Find(repo, diffs,
                revision.BaseCommit ?? patches.Select(p => p.Patch.BaseCommit).FirstOrDefault(b => b is not null), heads, options.Value.BaseSearchCommits)));
        }
        var checks = new List<RevisionPatchCheck>();
        for (int i = 0; i < patches.Count; i++)
        {
            var (view, _) = patches[i];
            checks.Add(new RevisionPatchCheck(view.Index, view.MessageId, view.Title, verdicts[i],
                selected.Count == 0 ? [] : await store.MergesAsync(view.MessageId, cancellationToken)));
        }
        return new RevisionCheckReport(topic.Id, revision.Title, revision.VersionLabel, revision.Missing, checks, bases);
    }
}
