using System.Buffers.Binary;

namespace ReviewQueue.Import;

/// <summary>
/// A gzip file's bytes as the inflater of one member reads them. The inflater reads ahead, so where a member's data ends
/// (and its trailer and the next member begin) is inside the last bytes it was given: <see cref="TakeTrailer"/> finds the
/// trailer there by its checksum and length, and the bytes after it are read again, as the next member's.
/// </summary>
sealed class GzipInput(Stream source) : ReadOnlyStream
{
    byte[] again = [];
    int againAt;
    byte[] last = new byte[1 << 16];
    int lastLength;
    bool ended;

    /// <summary>A read gave nothing since <see cref="StartMember"/>: the file has no more for this member.</summary>
    public bool Refused { get; private set; }

    /// <summary>A member begins: it has not been refused anything yet.</summary>
    public void StartMember() => Refused = false;

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (count == 0)
            return 0;
        int n;
        if (againAt < again.Length)
        {
            n = Math.Min(count, again.Length - againAt);
            again.AsSpan(againAt, n).CopyTo(buffer.AsSpan(offset));
            againAt += n;
        }
        else
            n = source.Read(buffer, offset, count);
        if (n == 0)
        {
            ended = Refused = true;
            return 0;
        }
        if (last.Length < n)
            last = new byte[n];
        buffer.AsSpan(offset, n).CopyTo(last);
        lastLength = n;
        return n;
    }

    /// <summary>
    /// Finds the trailer (CRC-32 and length modulo 2^32, little-endian) of a member whose data just ended, in the last bytes
    /// read and the ten after them; what follows it is read again. False when no trailer there matches the data.
    /// </summary>
    public bool TakeTrailer(uint crc, uint length)
    {
        int kept = lastLength;
        var window = new byte[kept + 10];
        last.AsSpan(0, kept).CopyTo(window);
        int end = kept + this.ReadAtLeast(window.AsSpan(kept), 10, throwOnEndOfStream: false);
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], length);
        // The same eight bytes may be there more than once where they are few in kind (an empty member's are all zero,
        // and so is the end of its data): the trailer is the one the file's end or the next member follows, else the
        // last one (what follows is no member; the data's own bytes come before the trailer).
        int lastFound = -1, at = -1;
        for (int from = 0; at < 0;)
        {
            int found = window.AsSpan(from, end - from).IndexOf(trailer);
            if (found < 0)
                break;
            found += from;
            lastFound = found;
            var after = window.AsSpan(found + 8, end - found - 8);
            if ((after.IsEmpty && ended) || after.StartsWith(Magic))
                at = found;
            from = found + 1;
        }
        if (at < 0)
            at = lastFound;
        if (at < 0)
            return false;
        // The bytes after the trailer, then whatever was to be read again and is not yet.
        again = [.. window.AsSpan(at + 8, end - at - 8), .. again.AsSpan(againAt)];
        againAt = 0;
        lastLength = 0;
        return true;
    }

    /// <summary>How every gzip member begins.</summary>
    public static ReadOnlySpan<byte> Magic => [0x1F, 0x8B];
}
