using ReviewQueue.Core.Subsystems;

namespace ReviewQueue.Git.Maintainers;

/// <summary>
/// MAINTAINERS compiled against the tree it came from; <see cref="BlobIds"/> tells when a reload is due;
/// <see cref="Content"/> reads a file of the same commit (for addresses written in .yaml files), null without a tree.
/// </summary>
public sealed record MaintainersSnapshot(string Source, string? Commit, string BlobIds, MaintainersMap Map,
    Func<string, string?>? Content = null);
