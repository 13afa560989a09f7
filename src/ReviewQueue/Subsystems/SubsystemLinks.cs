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

    public Task<ITopicsRefresh> BeginAsync(CancellationToken cancellationToken) => Task.FromResult<ITopicsRefresh>(new Refresh(this, map));

    async Task StoreAsync(List<SectionLinks> links, CancellationToken cancellationToken)
    {
        // The sections change only with MAINTAINERS itself: write them when the snapshot is new.
        if (maintainers.Snapshot() is { } snapshot && !ReferenceEquals(snapshot, stored))
        {
            await source.StoreAsync(snapshot, cancellationToken);
            stored = snapshot;
        }
        await store.RecordAllAsync(links, cancellationToken);
    }

    /// <summary>One refresh: each series' sections (a few names per series) kept as the batches come, written at the end.</summary>
    sealed class Refresh(SubsystemLinks owner, ISubsystemMap map) : ITopicsRefresh
    {
        readonly List<SectionLinks> links = [];

        public void Add(IReadOnlyList<Topic> topics)
        {
            foreach (var topic in topics)
            {
                var revision = topic.Current;
                var files = revision.Patches.SelectMany(p => p.Files).Distinct(StringComparer.Ordinal).ToList();
                links.Add(new SectionLinks(revision.Id, map.SectionsOf(files)));
            }
        }

        public Task EndAsync(CancellationToken cancellationToken) => owner.StoreAsync(links, cancellationToken);
    }
}
