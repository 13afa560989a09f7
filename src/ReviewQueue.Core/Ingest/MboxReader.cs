namespace ReviewQueue.Core.Ingest;

/// <summary>
/// Splits an mbox stream into messages, holding one message (and a read buffer) in memory.
/// A separator is a "From " line that looks like one (git mailsplit's test: a time and a year),
/// so the unescaped "From " body lines of git's mboxo output do not split a message. Body lines
/// "&gt;From ", "&gt;&gt;From " … lose one "&gt;" (mboxrd; for mboxo writers the single-level
/// escape is undone the same way). A stream that does not start with a From line is one message.
/// </summary>
/// <remarks>
/// The reader searches large buffers for "\nFrom " and "\n&gt;" instead of walking line by
/// line, and copies each message once, into an array of its exact size. A message larger than
/// <see cref="RawMail.MaxBytes"/> is not held: its start is kept (<see cref="RawMail.TooLarge"/>)
/// and the rest is searched for the next From line without being kept, so memory stays bounded.
/// </remarks>
public sealed class MboxReader
{
    const int InitialBuffer = 1 << 20;

    readonly Stream stream;
    readonly string source;
    byte[] buffer = [];
    int end;
    bool eof;
    long origin; // stream offset of buffer[0]
    long messageAt; // stream offset of the current message's first byte
    byte[]? tooLarge; // the start of the current message, once it is larger than maxBytes

    /// <summary>"mboxrd" once an escaped From line was seen, else "mboxo"; "message" for a single mail.</summary>
    public string Format { get; private set; } = "mboxo";

    /// <summary>Bytes consumed so far (for progress).</summary>
    public long Position { get; private set; }

    readonly int initialBuffer;
    readonly int maxBytes;

    public MboxReader(Stream stream, string source) : this(stream, source, InitialBuffer)
    {
    }

    /// <summary>Tests use a tiny buffer, so messages and separators straddle its refills, and a small limit.</summary>
    internal MboxReader(Stream stream, string source, int initialBuffer, int maxBytes = RawMail.MaxBytes)
    {
        this.stream = stream;
        this.source = source;
        this.initialBuffer = Math.Max(8, initialBuffer);
        this.maxBytes = maxBytes;
    }

    public IEnumerable<RawMail> Read()
    {
        buffer = new byte[initialBuffer];
        end = 0;
        eof = false;
        origin = 0;
        tooLarge = null;

        // Leading white space is skipped (git mailsplit skips every such byte, so "  From …" starts an mbox too),
        // then the first line decides: a From line, or a single message.
        int at = 0;
        while (true)
        {
            if (at == end)
            {
                if (eof)
                {
                    Position = origin + end;
                    yield break; // nothing but white space
                }
                Fill(ref at);
                continue;
            }
            if (!IsSpace(buffer[at]))
                break;
            at++;
        }
        int lineEnd = LineEnd(ref at);

        if (!IsFromLine(buffer.AsSpan(at, lineEnd - at)))
        {
            Format = "message";
            messageAt = origin + at;
            while (!eof)
            {
                if (TooLargeSoFar(at, end))
                    at = end; // counted, not held
                Fill(ref at);
            }
            Position = origin + end;
            yield return Message(at, end, unescape: false, source);
            yield break;
        }

        int index = 0;
        int message = lineEnd; // the current message's first byte; buffer[message - 1] is a '\n' (or there is no message)
        messageAt = origin + message;
        int scan = message - 1; // "\nFrom " is searched from here on
        while (true)
        {
            int found = scan < end ? buffer.AsSpan(scan, end - scan).IndexOf("\nFrom "u8) : -1;
            if (found < 0)
            {
                if (eof)
                    break;
                // Keep the tail that may begin a separator, then read more.
                scan = Math.Max(scan, end - 5);
                if (TooLargeSoFar(message, scan))
                    message = scan; // counted, not held: only a separator is looked for in the rest
                Fill(ref message, ref scan);
                continue;
            }
            int line = scan + found + 1;
            int nl = buffer.AsSpan(line, end - line).IndexOf((byte)'\n');
            if (nl < 0 && !eof)
            {
                scan = line - 1;
                Fill(ref message, ref scan);
                continue;
            }
            lineEnd = nl < 0 ? end : line + nl + 1;
            if (!IsFromLine(buffer.AsSpan(line, lineEnd - line)))
            {
                scan = line;
                continue;
            }
            Position = origin + lineEnd;
            if (line > message || tooLarge is not null)
                yield return Message(message, line, unescape: true, $"{source}#{++index}");
            message = lineEnd;
            messageAt = origin + message;
            scan = lineEnd - 1;
        }
        Position = origin + end;
        if (tooLarge is not null || (end > message && !IsBlank(buffer.AsSpan(message, end - message))))
            yield return Message(message, end, unescape: true, $"{source}#{++index}");
    }

    /// <summary>
    /// Whether the current message, of which buffer[from..to) is held, is larger than a mail may be: the first time, its
    /// start is kept, and the caller holds no more of it.
    /// </summary>
    bool TooLargeSoFar(int from, int to)
    {
        if (tooLarge is not null)
            return true;
        if (origin + to - messageAt <= maxBytes)
            return false;
        tooLarge = buffer.AsSpan(from, Math.Min(RawMail.KeptOfTooLarge, to - from)).ToArray();
        return true;
    }

    /// <summary>
    /// The message ending at buffer[to]: its bytes (mboxrd's escapes undone, in an mbox), or its start and size when it is
    /// larger than a mail may be.
    /// </summary>
    RawMail Message(int from, int to, bool unescape, string name)
    {
        long size = origin + to - messageAt;
        if (tooLarge is null && size <= maxBytes)
            return new RawMail(unescape ? Unescape(from, to) : buffer.AsSpan(from, to - from).ToArray(), name);
        var start = tooLarge ?? buffer.AsSpan(from, Math.Min(RawMail.KeptOfTooLarge, to - from)).ToArray();
        tooLarge = null;
        return RawMail.TooLarge(start, size, name);
    }

    /// <summary>buffer[from..to) as a message: each line "&gt;…From " loses its first '&gt;'.</summary>
    byte[] Unescape(int from, int to)
    {
        // buffer[from - 1] is the '\n' of the From line, so every line start follows a '\n'.
        var span = buffer.AsSpan(from - 1, to - from + 1);
        List<int>? drops = null;
        int i = 0;
        while (true)
        {
            int q = span[i..].IndexOf("\n>"u8);
            if (q < 0)
                break;
            int start = i + q + 1;
            int gt = start;
            while (gt < span.Length && span[gt] == '>')
                gt++;
            if (span[gt..].StartsWith("From "u8))
                (drops ??= []).Add(start);
            i = gt;
        }
        if (drops is null)
            return span[1..].ToArray();
        Format = "mboxrd";
        var output = new byte[span.Length - 1 - drops.Count];
        int written = 0, copied = 1;
        foreach (int drop in drops)
        {
            span[copied..drop].CopyTo(output.AsSpan(written));
            written += drop - copied;
            copied = drop + 1;
        }
        span[copied..].CopyTo(output.AsSpan(written));
        return output;
    }

    /// <summary>The end of the line starting at <paramref name="at"/> (after its '\n', or the end of input); reads more as needed.</summary>
    int LineEnd(ref int at)
    {
        int searched = at;
        while (true)
        {
            int nl = buffer.AsSpan(searched, end - searched).IndexOf((byte)'\n');
            if (nl >= 0)
                return searched + nl + 1;
            // A first line longer than a mail may be is no From line: what it begins is one message, too large.
            if (eof || end - at > maxBytes)
                return end;
            searched = end - at;
            Fill(ref at);
            searched += at;
        }
    }

    /// <summary>Moves buffer[keep - 1 ..] to the front, then reads.</summary>
    void Fill(ref int keep)
    {
        int scan = keep;
        Fill(ref keep, ref scan);
    }

    /// <summary>Moves buffer[keep - 1 ..] to the front (growing when it is full), then reads; keep and scan follow the move.</summary>
    void Fill(ref int keep, ref int scan)
    {
        int from = Math.Max(0, Math.Min(keep - 1, scan));
        if (from > 0)
        {
            Buffer.BlockCopy(buffer, from, buffer, 0, end - from);
            end -= from;
            origin += from;
            keep -= from;
            scan -= from;
        }
        if (end == buffer.Length)
            Array.Resize(ref buffer, buffer.Length * 2); // a message larger than the buffer: grow, never truncate
        while (end < buffer.Length)
        {
            int n = stream.Read(buffer, end, buffer.Length - end);
            if (n == 0)
            {
                eof = true;
                break;
            }
            end += n;
        }
    }

    static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim("\r\n \t"u8).IsEmpty;

    /// <summary>
    /// git mailsplit's is_from_line, on the line as git reads it (with its '\n' when it has one): "From " … HH:MM:SS YYYY,
    /// with a year after 90. Also what `am` escapes, so that git am does not cut a patch at a line of it.
    /// </summary>
    public static bool IsFromLine(ReadOnlySpan<byte> line)
    {
        if (line.Length < 20 || !line.StartsWith("From "u8))
            return false;
        // git looks for the last colon from the line's last byte but one: that byte is the '\n', so "… 1999 x:" still
        // splits; with CRLF it is the '\r', the last character is looked at, and "… 1999 x:\r\n" does not.
        int colon = line[..^2].LastIndexOf((byte)':');
        if (colon < 5)
            return false;
        if (!IsDigit(line[colon - 4]) || !IsDigit(line[colon - 2]) || !IsDigit(line[colon - 1])
            || !IsDigit(line[colon + 1]) || !IsDigit(line[colon + 2]))
            return false;
        return Year(line[(colon + 3)..]) > 90;
    }

    /// <summary>The year as strtol reads it: any white space, a sign, digits (only whether it is above 90 matters).</summary>
    static long Year(ReadOnlySpan<byte> text)
    {
        int i = 0;
        while (i < text.Length && IsSpace(text[i]))
            i++;
        bool negative = i < text.Length && text[i] == '-';
        if (i < text.Length && text[i] is (byte)'-' or (byte)'+')
            i++;
        long year = 0;
        for (; i < text.Length && IsDigit(text[i]); i++)
            year = Math.Min(year * 10 + (text[i] - '0'), 10_000);
        return negative ? -year : year;
    }

    /// <summary>C's isspace: space, \t, \n, \v, \f, \r.</summary>
    static bool IsSpace(byte b) => b == ' ' || (b >= '\t' && b <= '\r');

    static bool IsDigit(byte b) => b >= '0' && b <= '9';
}
