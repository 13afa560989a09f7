namespace ReviewQueue.Core.Series;

/// <summary>Union-find over 0..n-1; the smaller number stays the root, so roots follow first appearance.</summary>
sealed class DisjointSets
{
    int[] parent = [];
    int count;

    public DisjointSets(int count = 0) => Grow(count);

    /// <summary>Makes room for elements up to <paramref name="size"/> - 1, each a set of its own.</summary>
    public void Grow(int size)
    {
        if (size > parent.Length)
            Array.Resize(ref parent, Math.Max(size, parent.Length * 2));
        for (; count < size; count++)
            parent[count] = count;
    }

    public int Find(int i)
    {
        while (parent[i] != i)
            i = parent[i] = parent[parent[i]];
        return i;
    }

    public void Union(int a, int b)
    {
        int ra = Find(a), rb = Find(b);
        if (ra != rb)
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
    }
}
