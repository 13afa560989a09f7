namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// Patterns keyed by their literal prefix. The distinct prefixes are kept sorted, each linked to the longest other
/// prefix it starts with; a path's prefixes are then the chain above the greatest prefix not after the path (cut
/// at their common length): a binary search and a short walk per lookup. Building it sorts a few thousand strings
/// instead of allocating a node per character, which a MAINTAINERS load would pay at every start.
/// Fill with <see cref="Add"/>, then <see cref="Seal"/> once; a sealed index is read-only and safe across threads.
/// </summary>
sealed class PrefixIndex<T>
{
    readonly Dictionary<string, List<T>> byPrefix = new(StringComparer.Ordinal);
    string[] prefixes = [];
    List<T>[] items = [];
    /// <summary>For each prefix, the index of the longest shorter prefix it starts with, or -1.</summary>
    int[] parent = [];

    public void Add(string prefix, T item)
    {
        if (!byPrefix.TryGetValue(prefix, out var list))
            byPrefix[prefix] = list = [];
        list.Add(item);
    }

    public void Seal()
    {
        prefixes = [.. byPrefix.Keys];
        Array.Sort(prefixes, StringComparer.Ordinal);
        items = new List<T>[prefixes.Length];
        parent = new int[prefixes.Length];
        // Sorted order visits a prefix right after the ones it starts with: a stack holds the current chain.
        var chain = new int[prefixes.Length];
        int depth = 0;
        for (int i = 0; i < prefixes.Length; i++)
        {
            items[i] = byPrefix[prefixes[i]];
            while (depth > 0 && !prefixes[i].StartsWith(prefixes[chain[depth - 1]], StringComparison.Ordinal))
                depth--;
            parent[i] = depth > 0 ? chain[depth - 1] : -1;
            chain[depth++] = i;
        }
    }

    /// <summary>Adds to <paramref name="into"/> every item whose prefix starts <paramref name="path"/>.</summary>
    public void Collect(string path, List<T> into)
    {
        int at = Array.BinarySearch(prefixes, path, StringComparer.Ordinal);
        // Every prefix of the path sorts between itself and the path, so it starts the greatest prefix not after
        // the path: it is in that one's chain, no longer than what the two have in common.
        int i = at >= 0 ? at : ~at - 1;
        if (i < 0)
            return;
        int common = path.AsSpan().CommonPrefixLength(prefixes[i]);
        for (; i >= 0; i = parent[i])
            if (prefixes[i].Length <= common)
                into.AddRange(items[i]);
    }
}
