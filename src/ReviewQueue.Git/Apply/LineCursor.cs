namespace ReviewQueue.Git.Apply;

/// <summary>Walks a byte buffer line by line (each line with its newline); Number is 1-based.</summary>
sealed class LineCursor(byte[] data)
{
    int position;

    public int Number { get; private set; } = 1;

    public bool AtEnd => position >= data.Length;

    public ReadOnlySpan<byte> Peek() => PeekAt(0);

    public ReadOnlySpan<byte> PeekAt(int ahead)
    {
        int start = position;
        for (int i = 0; i < ahead && start < data.Length; i++)
            start = LineEnd(start);
        return start >= data.Length ? [] : data.AsSpan(start, LineEnd(start) - start);
    }

    public ReadOnlySpan<byte> Next()
    {
        int start = position;
        position = LineEnd(start);
        Number++;
        return data.AsSpan(start, position - start);
    }

    int LineEnd(int start)
    {
        int nl = Array.IndexOf(data, (byte)'\n', start);
        return nl < 0 ? data.Length : nl + 1;
    }
}
