using System.Buffers.Binary;
using System.IO.Compression;

namespace ReviewQueue.Import;

/// <summary>
/// A gzip file's mail. GZipStream ends quietly where a cut file (a download that stopped) ends, so the message cut in
/// two would be stored as whole, and for good, as a second import finds its Message-ID stored. The gzip trailer holds the
/// data's length (ISIZE, modulo 2^32): a length that differs at the end, or data that does not inflate, says the file is
/// damaged or cut there; the stream then ends, and <see cref="Damage"/> says why. The trailer is taken from the bytes
/// read, not from the file again, so a pipe (`&lt;(curl …)`) is checked too.
/// </summary>
sealed class GzipCheckedStream(LazyFileStream compressed, string path) : ReadOnlyStream
{
    readonly GZipStream inner = new(compressed, CompressionMode.Decompress);
    long length;

    /// <summary>Set when the data broke off: what went wrong, for the message it broke off in.</summary>
    public string? Damage { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (Damage is not null || count == 0)
            return 0;
        int n;
        try
        {
            n = inner.Read(buffer, offset, count);
        }
        catch (InvalidDataException e)
        {
            Damage = $"{path}: the gzip data is damaged after {length} bytes ({e.Message})";
            return 0;
        }
        length += n;
        if (n == 0 && TrailerLength() is { } expected && expected != (uint)length)
            Damage = $"{path}: the gzip data ends after {length} bytes where its trailer says {expected} (modulo 2^32): " +
                "the file is cut short or damaged, or holds several gzip members (give the import what it holds through a pipe: <(gzip -dc FILE))";
        return n;
    }

    uint? TrailerLength()
    {
        // The file's last four bytes: whatever follows the data gzip read is read too (and, as gunzip does, ignored).
        compressed.ReadToEnd();
        if (compressed.Consumed < 18)
            return null;
        return BinaryPrimitives.ReadUInt32LittleEndian(compressed.Tail);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
