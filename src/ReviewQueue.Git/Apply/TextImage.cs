namespace ReviewQueue.Git.Apply;

/// <summary>A text file as lines (each with its newline), with the lines hunks already wrote marked.</summary>
sealed class TextImage
{
    readonly List<byte[]> lines = [];
    readonly List<bool> patched = [];

    public TextImage(byte[] content)
    {
        int start = 0;
        while (start < content.Length)
        {
            int nl = Array.IndexOf(content, (byte)'\n', start);
            int end = nl < 0 ? content.Length : nl + 1;
            lines.Add(content[start..end]);
            patched.Add(false);
            start = end;
        }
    }

    /// <summary>apply.c apply_one_fragment + find_pos + match_fragment, without whitespace fixing.</summary>
    public bool Apply(Hunk hunk)
    {
        var pre = new List<byte[]>();
        var post = new List<byte[]>();
        int leading = 0, trailing = 0;
        bool seenChange = false;
        foreach (var l in hunk.Lines)
        {
            switch (l.Kind)
            {
                case ' ':
                    pre.Add(l.Text);
                    post.Add(l.Text);
                    if (!seenChange) leading++;
                    trailing++;
                    break;
                case '-':
                    pre.Add(l.Text);
                    seenChange = true;
                    trailing = 0;
                    break;
                default:
                    post.Add(l.Text);
                    seenChange = true;
                    trailing = 0;
                    break;
            }
        }
        bool matchBeginning = hunk.OldStart == 0 || hunk.OldStart == 1;
        bool matchEnd = trailing == 0;
        int pos = hunk.NewStart > 0 ? hunk.NewStart - 1 : 0;
        int at = FindPosition(pre, pos, matchBeginning, matchEnd);
        if (at < 0)
            return false;
        lines.RemoveRange(at, pre.Count);
        patched.RemoveRange(at, pre.Count);
        lines.InsertRange(at, post);
        patched.InsertRange(at, Enumerable.Repeat(true, post.Count));
        return true;
    }

    int FindPosition(List<byte[]> pre, int line, bool matchBeginning, bool matchEnd)
    {
        if (matchBeginning)
            line = 0;
        else if (matchEnd)
            line = lines.Count - pre.Count;
        if (line < 0 || line > lines.Count)
            line = lines.Count;

        int backwards = line, forwards = line, current = line;
        for (int i = 0; ; i++)
        {
            if (Matches(pre, current, matchBeginning, matchEnd))
                return current;
            while (true)
            {
                if (backwards == 0 && forwards == lines.Count)
                    return -1;
                if ((i & 1) != 0)
                {
                    if (backwards == 0) { i++; continue; }
                    current = --backwards;
                }
                else
                {
                    if (forwards == lines.Count) { i++; continue; }
                    current = ++forwards;
                }
                break;
            }
        }
    }

    bool Matches(List<byte[]> pre, int at, bool matchBeginning, bool matchEnd)
    {
        if (at + pre.Count > lines.Count)
            return false;
        if (matchBeginning && at != 0)
            return false;
        for (int i = 0; i < pre.Count; i++)
        {
            if (patched[at + i])
                return false;
            var want = pre[i];
            var have = lines[at + i];
            if (want.AsSpan().SequenceEqual(have))
                continue;
            // git compares the bytes of the whole preimage: a last line without its newline
            // ("\ No newline at end of file") still matches the same line with one, unless the
            // hunk must end at the end of the file.
            bool last = i == pre.Count - 1;
            if (!last || matchEnd || have.Length != want.Length + 1 || have[^1] != '\n' || !have.AsSpan(0, want.Length).SequenceEqual(want))
                return false;
        }
        return !matchEnd || at + pre.Count == lines.Count;
    }

    public byte[] ToBytes()
    {
        var total = lines.Sum(l => l.Length);
        var result = new byte[total];
        int p = 0;
        foreach (var l in lines)
        {
            l.CopyTo(result, p);
            p += l.Length;
        }
        return result;
    }
}
