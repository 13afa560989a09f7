namespace ReviewQueue.Core.Ingest;

/// <summary>
/// Splits an mbox stream into messages without holding more than one message in memory.
/// A separator is a "From " line that looks like one (git mailsplit's test: a time and a year),
/// so the unescaped "From " body lines of git's mboxo output do not split a message. Body lines
/// "&gt;From ", "&gt;&gt;From " … lose one "&gt;" (mboxrd; for mboxo writers the single-level
/// escape is undone the same way). A stream that does not start with a From line is one message.
/// </summary>
public sealed class MboxReader
{
    readonly Stream stream;
    readonly string source;

    /// <summary>"mboxrd" once an escaped From line was seen, else "mboxo"; "message" for a single mail.</summary>
    public string Format { get; private set; } = "mboxo";

    /// <summary>Bytes consumed so far (for progress).</summary>
    public long Position { get; private set; }

    public MboxReader(Stream stream, string source)
    {
        this.stream = stream;
        this.source = source;
    }

    public IEnumerable<RawMail> Read()
    {
        var lines = new LineReader(stream);
        var current = new MemoryStream();
        int index = 0;
        bool started = false;
        bool single = false;
        while (lines.Next(out var line))
        {
            Position = lines.Consumed;
            if (!started)
            {
                if (IsBlank(line))
                    continue;
                started = true;
                if (!IsFromLine(line))
                {
                    single = true;
                    Format = "message";
                }
                else
                {
                    continue;
                }
            }
            if (!single && IsFromLine(line))
            {
                if (current.Length > 0)
                    yield return new RawMail(current.ToArray(), $"{source}#{++index}");
                current.SetLength(0);
                continue;
            }
            if (!single && IsEscapedFrom(line))
            {
                Format = "mboxrd";
                current.Write(line[1..]);
                continue;
            }
            current.Write(line);
        }
        Position = lines.Consumed;
        if (current.Length > 0 && !IsAllBlank(current))
            yield return new RawMail(current.ToArray(), single ? source : $"{source}#{++index}");
    }

    static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim("\r\n \t"u8).IsEmpty;

    static bool IsAllBlank(MemoryStream ms) => IsBlank(ms.GetBuffer().AsSpan(0, (int)ms.Length));

    static bool IsEscapedFrom(ReadOnlySpan<byte> line)
    {
        int i = 0;
        while (i < line.Length && line[i] == '>')
            i++;
        return i > 0 && line[i..].StartsWith("From "u8);
    }

    /// <summary>git mailsplit's is_from_line: "From " … HH:MM:SS YYYY, with a year after 1990.</summary>
    public static bool IsFromLine(ReadOnlySpan<byte> line)
    {
        line = line.TrimEnd("\r\n"u8);
        if (line.Length < 19 || !line.StartsWith("From "u8))
            return false;
        int colon = line.LastIndexOf((byte)':');
        if (colon < 9 || colon + 3 > line.Length)
            return false;
        if (!IsDigit(line[colon - 4]) || !IsDigit(line[colon - 2]) || !IsDigit(line[colon - 1])
            || !IsDigit(line[colon + 1]) || !IsDigit(line[colon + 2]))
            return false;
        var rest = line[(colon + 3)..].TrimStart(" "u8);
        int year = 0, digits = 0;
        while (digits < rest.Length && IsDigit(rest[digits]) && digits < 6)
            year = year * 10 + (rest[digits++] - '0');
        return year > 90;
    }

    static bool IsDigit(byte b) => b >= '0' && b <= '9';
}
