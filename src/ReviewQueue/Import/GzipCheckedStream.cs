using System.IO.Compression;
using System.IO.Hashing;

namespace ReviewQueue.Import;

/// <summary>
/// A gzip file's mail, read as `gzip -dc` reads it: member after member (`gzip -c new >> list.mbox.gz` appends one),
/// each checked against its trailer (CRC-32 and length). .NET's GZipStream checks neither and ends quietly where a cut
/// file (a download that stopped) ends, so the message cut in two would be stored as whole, and for good, as a second
/// import finds its Message-ID stored. Data that does not inflate, ends inside a member, or does not match its trailer
/// ends the stream there, and <see cref="Damage"/> says why, as do bytes after the last member that are no gzip member
/// (zeros, padding, aside). Read once from start to end, so a pipe (`&lt;(curl …)`) is checked too.
/// </summary>
sealed class GzipCheckedStream(Stream compressed, string path) : ReadOnlyStream
{
    /// <summary>What one read of the inflater is asked for: at most this much before damage is lost (gzip -dc loses up to 32 KB).</summary>
    const int ReadAtMost = 4096;

    readonly GzipInput input = new(compressed);
    readonly Crc32 crc = new();
    DeflateStream? member;
    long total, length;
    bool done;

    /// <summary>Set when the data broke off: what went wrong, for the message it broke off in.</summary>
    public string? Damage { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        while (!done && count > 0)
        {
            if (member is null && !StartMember())
                break;
            int n;
            try
            {
                // The inflater throws away what one read inflated when it meets data that does not inflate: asked for the
                // mbox reader's megabyte, it lost up to a compressed chunk's worth of whole messages before the damage.
                n = member!.Read(buffer, offset, Math.Min(count, ReadAtMost));
            }
            catch (InvalidDataException e)
            {
                Stop($"the gzip data is damaged after {total} bytes ({e.Message})");
                break;
            }
            if (n > 0)
            {
                crc.Append(buffer.AsSpan(offset, n));
                length += n;
                total += n;
                return n;
            }
            EndMember();
        }
        return 0;
    }

    /// <summary>Reads a member's header (RFC 1952); false at the end of the file, or where something else follows.</summary>
    bool StartMember()
    {
        var head = new byte[10];
        int n = input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (n == 0)
        {
            done = true;
            return false;
        }
        if (!head.AsSpan(0, n).StartsWith(GzipInput.Magic))
            return AfterTheLastMember(head.AsSpan(0, n));
        const byte text = 1, headerCrc = 2, extra = 4, name = 8, comment = 16;
        if (n < head.Length || head[2] != 8 || (head[3] & ~(text | headerCrc | extra | name | comment)) != 0)
            return Stop($"the gzip member after {total} bytes has a damaged or cut header");
        int flags = head[3];
        bool whole = true;
        if ((flags & extra) != 0)
        {
            var size = new byte[2];
            whole = input.ReadAtLeast(size, 2, throwOnEndOfStream: false) == 2 && Skip(size[0] | size[1] << 8);
        }
        if (whole && (flags & name) != 0)
            whole = SkipPastZero();
        if (whole && (flags & comment) != 0)
            whole = SkipPastZero();
        if (whole && (flags & headerCrc) != 0)
            whole = Skip(2);
        if (!whole)
            return Stop($"the gzip member after {total} bytes has a cut header: the file is cut short");
        input.StartMember();
        member = new DeflateStream(input, CompressionMode.Decompress, leaveOpen: true);
        return true;
    }

    void EndMember()
    {
        // The inflater asked for more than the file had: the member's data broke off.
        bool cut = input.Refused;
        member!.Dispose();
        member = null;
        if (cut)
            Stop($"the gzip data ends after {total} bytes, inside a member: the file is cut short");
        else if (!input.TakeTrailer(crc.GetCurrentHashAsUInt32(), (uint)length))
            Stop($"the gzip data ends after {total} bytes where no trailer matches it (CRC-32 and length): the file is cut short or damaged");
        crc.Reset();
        length = 0;
    }

    /// <summary>
    /// What follows the last member and is none: zeros (padding to a block) are ignored, as gzip ignores them; anything
    /// else may be a member whose header is damaged, and is said, as gzip warns of it ("trailing garbage ignored").
    /// </summary>
    bool AfterTheLastMember(ReadOnlySpan<byte> start)
    {
        long count = start.Length;
        bool zeros = !start.ContainsAnyExcept((byte)0);
        var rest = new byte[1 << 16];
        for (int n; (n = input.Read(rest, 0, rest.Length)) > 0; count += n)
            zeros &= !rest.AsSpan(0, n).ContainsAnyExcept((byte)0);
        if (zeros)
        {
            done = true;
            return false;
        }
        return Stop($"the gzip data ends after {total} bytes, followed by {count} bytes that are no gzip member (gzip -dc ignores them, " +
            "warning of \"trailing garbage\"): the file may be damaged");
    }

    bool Stop(string why)
    {
        Damage = $"{path}: {why}";
        done = true;
        // Nothing after this is read: the file is closed now, not when the import that keeps its source ends.
        member?.Dispose();
        member = null;
        compressed.Dispose();
        return false;
    }

    bool Skip(int count)
    {
        var skipped = new byte[count];
        return input.ReadAtLeast(skipped, count, throwOnEndOfStream: false) == count;
    }

    bool SkipPastZero()
    {
        var one = new byte[1];
        while (input.Read(one, 0, 1) == 1)
            if (one[0] == 0)
                return true;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            member?.Dispose();
            compressed.Dispose();
        }
        base.Dispose(disposing);
    }
}
