namespace ReviewQueue.Import;

/// <summary>
/// Opens the file on first read, so listing sources opens nothing and one file is open at a time. A pipe (bash's
/// `&lt;(xz -dc list.mbox.xz)`, a named FIFO) can be opened and read only once: its first bytes, read by
/// <see cref="Head"/> to tell what the file is, are kept and read again before the rest.
/// </summary>
sealed class LazyFileStream(string path) : ReadOnlyStream
{
    FileStream? inner;
    byte[] kept = [];
    int keptAt;
    bool ended;

    FileStream Inner => inner ??= new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);

    /// <summary>Bytes read so far (a compressed file's progress).</summary>
    public long Consumed { get; private set; }

    /// <summary>The file's first <paramref name="count"/> bytes (fewer when it is shorter), before anything is read.</summary>
    public ReadOnlySpan<byte> Head(int count)
    {
        if (Consumed > 0 || inner is not null)
            throw new InvalidOperationException("the head of a file is read before the file");
        var head = new byte[count];
        var file = Inner;
        int n = file.ReadAtLeast(head, count, throwOnEndOfStream: false);
        if (file.CanSeek)
        {
            // A file is opened again when it is read, so one file is open at a time.
            file.Dispose();
            inner = null;
        }
        else
            kept = head[..n];
        return head.AsSpan(0, n);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (ended || count == 0)
            return 0;
        int n;
        if (keptAt < kept.Length)
        {
            n = Math.Min(count, kept.Length - keptAt);
            kept.AsSpan(keptAt, n).CopyTo(buffer.AsSpan(offset));
            keptAt += n;
        }
        else
            n = Inner.Read(buffer, offset, count);
        Consumed += n;
        if (n == 0)
        {
            // At its end the file is closed at once (one open at a time), and stays at its end.
            ended = true;
            Close();
        }
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner?.Dispose();
            inner = null;
        }
        base.Dispose(disposing);
    }
}
