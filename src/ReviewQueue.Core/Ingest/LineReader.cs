namespace ReviewQueue.Core.Ingest;

/// <summary>Reads a stream line by line as bytes, each line with its "\n" (the last may lack one).</summary>
sealed class LineReader(Stream stream)
{
    byte[] buffer = new byte[1 << 16];
    int start, end;
    bool eof;

    public long Consumed { get; private set; }

    public bool Next(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int nl = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                line = buffer.AsSpan(start, nl + 1);
                start += nl + 1;
                Consumed += nl + 1;
                return true;
            }
            if (eof)
            {
                if (start < end)
                {
                    line = buffer.AsSpan(start, end - start);
                    Consumed += end - start;
                    start = end;
                    return true;
                }
                line = default;
                return false;
            }
            Fill();
        }
    }

    void Fill()
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.Length)
            Array.Resize(ref buffer, buffer.Length * 2); // a very long line: grow, never truncate
        int n = stream.Read(buffer, end, buffer.Length - end);
        if (n == 0)
            eof = true;
        end += n;
    }
}
