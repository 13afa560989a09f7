using ReviewQueue.Core.Subsystems;

namespace ReviewQueue.Git.Maintainers;

/// <summary>MAINTAINERS compiled against the tree it came from; <see cref="BlobIds"/> tells when a reload is due.</summary>
public sealed record MaintainersSnapshot(string Source, string? Commit, string BlobIds, MaintainersMap Map);
