namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// Patterns keyed by their literal prefix in a character trie: walking a path's characters visits exactly the
/// patterns whose prefix the path starts with, so a lookup costs the path's length, not the pattern count.
/// </summary>
sealed class PrefixIndex<T>
{
    // Most nodes have one child: a short array searched in order costs less than a dictionary per node.
    sealed class Node
    {
        public char[] Keys = [];
        public Node[] Children = [];
        public List<T>? Items;

        public Node? Find(char c)
        {
            var keys = Keys;
            for (int i = 0; i < keys.Length; i++)
                if (keys[i] == c)
                    return Children[i];
            return null;
        }

        public Node Add(char c)
        {
            var node = new Node();
            Keys = [.. Keys, c];
            Children = [.. Children, node];
            return node;
        }
    }

    readonly Node root = new();

    public void Add(string prefix, T item)
    {
        var node = root;
        foreach (var c in prefix)
            node = node.Find(c) ?? node.Add(c);
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
            if (i == path.Length || node.Find(path[i]) is not { } next)
                return;
            node = next;
            i++;
        }
    }
}
