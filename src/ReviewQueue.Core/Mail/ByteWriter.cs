using System.Buffers;

namespace ReviewQueue.Core.Mail;

/// <summary>
/// Collects output bytes. While every write continues the last one inside the source array (plain
/// body lines follow each other in the mail), it only remembers where the run lies; otherwise it
/// writes into a pooled buffer. Either way the result is one copy of exactly its length.
/// </summary>
sealed class ByteWriter(byte[] source) : IDisposable
{
    int start = -1; // while in the source: the bytes are source[start .. start + length)
    int length;
    byte[]? pooled;

    public int Length => length;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return;
        if (pooled is null)
        {
            if (source.AsSpan().Overlaps(bytes, out int at) && (length == 0 || at == start + length))
            {
                if (length == 0)
                    start = at;
                length += bytes.Length;
                return;
            }
            Spill(length + bytes.Length);
        }
        Reserve(length + bytes.Length);
        bytes.CopyTo(pooled.AsSpan(length));
        length += bytes.Length;
    }

    public void WriteByte(byte b) => Write([b]);

    /// <summary>Forgets everything written (a scissors line discards the message above it).</summary>
    public void Clear()
    {
        Return();
        start = -1;
        length = 0;
    }

    public byte[] ToArray() =>
        length == 0 ? [] : pooled is null ? source.AsSpan(start, length).ToArray() : pooled.AsSpan(0, length).ToArray();

    public void Dispose() => Return();

    void Spill(int needed)
    {
        pooled = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 4096));
        if (length > 0)
            source.AsSpan(start, length).CopyTo(pooled);
    }

    void Reserve(int needed)
    {
        if (needed <= pooled!.Length)
            return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, pooled.Length * 2));
        pooled.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(pooled);
        pooled = larger;
    }

    void Return()
    {
        if (pooled is not null)
            ArrayPool<byte>.Shared.Return(pooled);
        pooled = null;
    }
}
