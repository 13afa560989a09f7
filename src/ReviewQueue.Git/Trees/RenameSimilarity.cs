namespace ReviewQueue.Git.Trees;

/// <summary>
/// git's rename score (diffcore-rename.c estimate_similarity over diffcore-delta.c's span hashes):
/// the bytes of the destination copied from the source, against the larger size. libgit2 scores
/// differently, and the "similarity index" line is part of the patch-id, so git's number is needed.
/// </summary>
public static class RenameSimilarity
{
    const uint HashBase = 107927;

    /// <summary>The percentage git prints as "similarity index N%".</summary>
    public static int Percent(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination)
    {
        const long maxScore = 60000;
        long maxSize = Math.Max(source.Length, destination.Length);
        if (destination.Length == 0 || maxSize == 0)
            return 0;
        var src = Spans(source);
        var dst = Spans(destination);
        long copied = 0;
        foreach (var (hash, count) in src)
            if (dst.TryGetValue(hash, out var other))
                copied += Math.Min(count, other);
        long score = copied * maxScore / maxSize;
        return (int)(score * 100 / maxScore);
    }

    static Dictionary<uint, long> Spans(ReadOnlySpan<byte> data)
    {
        bool text = !IsBinary(data);
        var counts = new Dictionary<uint, long>();
        uint accum1 = 0, accum2 = 0;
        int n = 0;
        for (int i = 0; i < data.Length; i++)
        {
            uint c = data[i];
            uint old1 = accum1;
            // A CR before LF does not count in text.
            if (text && c == '\r' && i + 1 < data.Length && data[i + 1] == '\n')
                continue;
            accum1 = unchecked((accum1 << 7) ^ (accum2 >> 25));
            accum2 = unchecked((accum2 << 7) ^ (old1 >> 25));
            accum1 = unchecked(accum1 + c);
            if (++n < 64 && c != '\n')
                continue;
            Add(counts, unchecked(accum1 + accum2 * 0x61) % HashBase, n);
            n = 0;
            accum1 = accum2 = 0;
        }
        if (n > 0)
            Add(counts, unchecked(accum1 + accum2 * 0x61) % HashBase, n);
        return counts;
    }

    static void Add(Dictionary<uint, long> counts, uint hash, int n) =>
        counts[hash] = counts.GetValueOrDefault(hash) + n;

    /// <summary>git's buffer_is_binary: a NUL in the first 8000 bytes.</summary>
    public static bool IsBinary(ReadOnlySpan<byte> data) => data[..Math.Min(data.Length, 8000)].Contains((byte)0);
}
