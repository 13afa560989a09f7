using ReviewQueue.Core.Subsystems;

namespace ReviewQueue.Git.Maintainers;

/// <summary>
/// MAINTAINERS compiled against the tree it came from; <see cref="BlobIds"/> tells when a reload is due;
/// <see cref="Content"/> reads a file of the same commit (for addresses written in .yaml files), null without a tree.
/// <see cref="PathKind"/> says whether a path is a file or a directory of the tree (or of the tree's file list), as
/// get_maintainer.pl -f asks the checkout; null when only a MAINTAINERS file is known.
/// </summary>
public sealed record MaintainersSnapshot(string Source, string? Commit, string BlobIds, MaintainersMap Map,
    Func<string, string?>? Content = null, Func<string, TreePathKind>? PathKind = null);

/// <summary>What a path is in a tree.</summary>
public enum TreePathKind { Missing, File, Directory }
