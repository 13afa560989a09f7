using static ReviewQueue.Core.Mail.MailInfoText;

namespace ReviewQueue.Core.Mail;

/// <summary>
/// The mail as <c>git mailinfo</c> reads it: line by line with stdio into one shared line buffer.
/// Once a read has hit the end of input, every later read fails and leaves the buffer as it was,
/// so a mail that ends inside its headers hands its last header to the body, exactly like git.
/// </summary>
sealed class MailInfoInput(byte[] input) : IDisposable
{
    // Folded headers (about 60 lines per list mail: DKIM, ARC, Received) are joined in a buffer kept
    // per thread from mail to mail; it holds the last folded header until the next HeaderLine.
    [ThreadStatic]
    static byte[]? Kept;
    const int KeptAtMost = 1 << 20;

    int pos;
    byte[]? unfolded;
    bool atEnd;
    ReadOnlyMemory<byte> buffer = ReadOnlyMemory<byte>.Empty;

    /// <summary>Skips leading white space; false when nothing else is left.</summary>
    public bool SkipSpace()
    {
        while (pos < input.Length && IsSpace(input[pos]))
            pos++;
        return pos < input.Length;
    }

    bool Read(bool keepNewline)
    {
        if (atEnd)
            return false;
        if (pos >= input.Length)
        {
            atEnd = true;
            buffer = ReadOnlyMemory<byte>.Empty;
            return false;
        }
        int nl = input.AsSpan(pos).IndexOf((byte)'\n');
        if (nl < 0)
        {
            buffer = input.AsMemory(pos);
            pos = input.Length;
            atEnd = true;
            return true;
        }
        buffer = input.AsMemory(pos, nl + (keepNewline ? 1 : 0));
        pos += nl + 1;
        return true;
    }

    /// <summary>The next line without its "\n"; on failure the buffer as it was.</summary>
    public bool LineWithoutNewline(out ReadOnlyMemory<byte> line)
    {
        bool ok = Read(keepNewline: false);
        line = buffer;
        return ok;
    }

    /// <summary>The next line with its "\n"; on failure the buffer as it was.</summary>
    public bool WholeLine(out ReadOnlyMemory<byte> line)
    {
        bool ok = Read(keepNewline: true);
        line = buffer;
        return ok;
    }

    /// <summary>One header with its folded continuation lines; false (and the line, with "\n") at the body.</summary>
    public bool HeaderLine(out ReadOnlyMemory<byte> line)
    {
        if (!Read(keepNewline: false))
        {
            line = buffer;
            return false;
        }
        var trimmed = RTrim(buffer.Span);
        if (trimmed.Length == 0 || !IsRfc2822Header(CString(trimmed)))
        {
            byte[] withNewline = [.. trimmed, (byte)'\n'];
            buffer = line = withNewline;
            return false;
        }
        if (atEnd || pos >= input.Length || input[pos] is not ((byte)' ' or (byte)'\t'))
        {
            if (pos >= input.Length)
                atEnd = true; // the peek for a continuation hit the end
            buffer = line = buffer[..trimmed.Length]; // unfolded: a slice of the input
            return true;
        }
        var header = Unfolded(trimmed.Length + 256);
        trimmed.CopyTo(header);
        int length = trimmed.Length;
        while (true)
        {
            if (atEnd || pos >= input.Length)
            {
                atEnd = true;
                break;
            }
            if (input[pos] is not ((byte)' ' or (byte)'\t'))
                break;
            int nl = input.AsSpan(pos).IndexOf((byte)'\n');
            var more = nl < 0 ? input.AsSpan(pos) : input.AsSpan(pos, nl);
            pos = nl < 0 ? input.Length : pos + nl + 1;
            if (nl < 0)
                atEnd = true;
            // The continuation's first blank becomes one space (git overwrites it), then trailing space goes.
            var rest = RTrim(more[1..]);
            if (rest.Length > 0)
            {
                if (length + 1 + rest.Length > header.Length)
                    header = Unfolded(Math.Max(header.Length * 2, length + 1 + rest.Length), length);
                header[length++] = (byte)' ';
                rest.CopyTo(header.AsSpan(length));
                length += rest.Length;
            }
        }
        buffer = line = header.AsMemory(0, length);
        return true;
    }

    /// <summary>A buffer of at least <paramref name="size"/> bytes, keeping the first <paramref name="keep"/>.</summary>
    byte[] Unfolded(int size, int keep = 0)
    {
        if (unfolded is null)
        {
            unfolded = Kept ?? new byte[Math.Max(size, 4096)];
            Kept = null; // a mail read inside another on this thread gets its own
        }
        if (unfolded.Length >= size)
            return unfolded;
        var larger = new byte[Math.Max(size, unfolded.Length * 2)];
        unfolded.AsSpan(0, keep).CopyTo(larger);
        return unfolded = larger;
    }

    public void Dispose()
    {
        if (unfolded is not null && unfolded.Length <= KeptAtMost)
            Kept = unfolded;
        unfolded = null;
    }
}
