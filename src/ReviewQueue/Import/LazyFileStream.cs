namespace ReviewQueue.Import;

/// <summary>Opens the file on first read, so listing sources opens nothing and one file is open at a time.</summary>
sealed class LazyFileStream(string path) : ReadOnlyStream
{
    FileStream? inner;

    FileStream Inner => inner ??= new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);

    /// <summary>Bytes read so far (a compressed file's progress).</summary>
    public long Consumed { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = Inner.Read(buffer, offset, count);
        Consumed += n;
        if (n == 0)
            Close();
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
