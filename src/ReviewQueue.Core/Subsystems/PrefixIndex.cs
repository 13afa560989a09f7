namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// Patterns keyed by their literal prefix in a character trie: walking a path's characters visits exactly the
/// patterns whose prefix the path starts with, so a lookup costs the path's length, not the pattern count.
/// </summary>
sealed class PrefixIndex<T>
{
    sealed class Node
    {
        public Dictionary<char, Node>? Children;
        public List<T>? Items;
    }

    readonly Node root = new();

    public void Add(string prefix, T item)
    {
        var node = root;
        foreach (var c in prefix)
        {
            node.Children ??= [];
            if (!node.Children.TryGetValue(c, out var next))
                node.Children[c] = next = new Node();
            node = next;
        }
        (node.Items ??= []).Add(item);
    }

    /// <summary>Adds to <paramref name="into"/> every item whose prefix starts <paramref name="path"/>.</summary>
    public void Collect(string path, List<T> into)
    {
        var node = root;
        int i = 0;
        while (true)
        {
            if (node.Items is { } items)
                into.AddRange(items);
            if (i == path.Length || node.Children is null || !node.Children.TryGetValue(path[i], out var next))
                return;
            node = next;
            i++;
        }
    }
}
