using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using ReviewQueue.Git.Maintainers;
using ReviewQueue.Series;
using ReviewQueue.Storage;

namespace ReviewQueue.Subsystems;

/// <summary>
/// Keeps the ledger's record of which MAINTAINERS sections each series touches (table
/// message_subsystems, by the Message-ID of its current revision), and the sections themselves,
/// in step with the topics: `subsystems` counts series from it.
/// </summary>
public sealed class SubsystemLinks(MaintainersSubsystems maintainers, MaintainersSource source, ISubsystemMap map, SubsystemStore store)
    : ITopicsFollower
{
    MaintainersSnapshot? stored;

    public Task<ITopicsRefresh> BeginAsync(CancellationToken cancellationToken) => Task.FromResult<ITopicsRefresh>(new CollectingRefresh(RefreshAsync));

    public async Task RefreshAsync(IReadOnlyList<Topic> topics, CancellationToken cancellationToken)
    {
        // The sections change only with MAINTAINERS itself: write them when the snapshot is new.
        if (maintainers.Snapshot() is { } snapshot && !ReferenceEquals(snapshot, stored))
        {
            await source.StoreAsync(snapshot, cancellationToken);
            stored = snapshot;
        }
        await store.RecordAllAsync(topics.Select(topic =>
        {
            var revision = topic.Current;
            var files = revision.Patches.SelectMany(p => p.Files).Distinct(StringComparer.Ordinal).ToList();
            return new SectionLinks(revision.Id, map.SectionsOf(files));
        }), cancellationToken);
    }
}
