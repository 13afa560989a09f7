using ReviewQueue.Configuration;
using Repository = LibGit2Sharp.Repository;

namespace ReviewQueue.Trees;

/// <summary>
/// Whether a watched tree's Path is something a sync or a check can use. A Path that holds no repository, where a sync
/// will not make one (no Remote, or a folder that already holds other files), is the configuration's mistake: retrying
/// cannot mend it, so it is said as the start's checks say theirs, naming the key (`Trees:0:Path`), and exits 78.
/// </summary>
public static class TreePath
{
    /// <summary>The configuration error of <paramref name="tree"/>'s Path, naming its key; null when it is usable.</summary>
    public static string? Problem(TreeList trees, TreeOptions tree)
    {
        if (Repository.IsValid(tree.Path))
            return null;
        var key = $"{TreeList.Section}:{trees.Trees.IndexOf(tree)}:Path";
        if (tree.Remote is null)
            return $"{key} is not a git repository: {tree.Path} (give a git repository, or a Remote to fetch into a new one)";
        // With a Remote a sync makes a bare repository here, but not among files that are someone else's.
        if (Directory.Exists(tree.Path) && Directory.EnumerateFileSystemEntries(tree.Path).Any())
            return $"{key} is not a git repository, nor an empty folder to fetch Remote into: {tree.Path}";
        return null;
    }
}
