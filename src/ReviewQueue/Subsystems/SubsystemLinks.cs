using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using ReviewQueue.Git.Maintainers;
using ReviewQueue.Series;
using ReviewQueue.Storage;

namespace ReviewQueue.Subsystems;

/// <summary>
/// Keeps the ledger's record of which MAINTAINERS sections each series touches (table
/// message_subsystems, by the Message-ID of its current revision only), and the sections themselves,
/// in step with the topics: `subsystems` counts series from it.
/// </summary>
public sealed class SubsystemLinks(MaintainersSubsystems maintainers, MaintainersSource source, ISubsystemMap map, SubsystemStore store)
    : ITopicsFollower
{
    MaintainersSnapshot? stored;

    public async Task<ITopicsRefresh> BeginAsync(CancellationToken cancellationToken)
    {
        // The sections change only with MAINTAINERS itself: write them when the snapshot is new. First, since each
        // batch's links name them.
        if (maintainers.Snapshot() is { } snapshot && !ReferenceEquals(snapshot, stored))
        {
            await source.StoreAsync(snapshot, cancellationToken);
            stored = snapshot;
        }
        return new Refresh(store, map);
    }

    /// <summary>
    /// One refresh: each batch's series and their sections written as the batch comes (a transaction per batch),
    /// so nothing is held that grows with the ledger.
    /// </summary>
    sealed class Refresh(SubsystemStore store, ISubsystemMap map) : ITopicsRefresh
    {
        public Task AddAsync(IReadOnlyList<Topic> topics, CancellationToken cancellationToken) =>
            store.RecordAllAsync(topics.Select(topic =>
            {
                var revision = topic.Current;
                var files = revision.Patches.SelectMany(p => p.Files).Distinct(StringComparer.Ordinal).ToList();
                return new SectionLinks(revision.Id, map.SectionsOf(files), [.. topic.Revisions.Take(topic.Revisions.Count - 1).Select(r => r.Id)]);
            }), cancellationToken);

        public Task EndAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
