using System.Text;
using static ReviewQueue.Core.Mail.MailInfoText;

namespace ReviewQueue.Core.Mail;

/// <summary>
/// <c>git mailinfo -u</c> over the raw bytes of one mail: the commit message, the patch and the
/// author/subject/date exactly as git writes them. Git reads MIME with heuristics of its own
/// (every part's body is text, only the innermost boundary is watched, part headers may set
/// From/Subject/Date); they are followed here on purpose, so ReviewQueue agrees with git am.
/// Where git would stop with an error (unknown charset, bad encoded-word) this goes on and
/// reports it in <see cref="MailInfoResult.Errors"/>.
/// </summary>
public sealed class MailInfo
{
    const int MaxBoundaries = 5; // git's content[] stack, slot 0 being "no boundary"
    static readonly string[] Names = ["From", "Subject", "Date"];
    enum Encoding { None, Base64, QuotedPrintable }

    readonly byte[] input;
    readonly MailInfoOptions options;
    int pos;
    readonly byte[]?[] mainHeaders = new byte[3][];
    readonly byte[]?[] bodyHeaders = new byte[3][];
    readonly List<byte[]> boundaries = [];
    Encoding transfer;
    string charset = "";
    bool flowed, delsp;
    readonly MemoryStream log = new(4096), patch = new(4096);
    int patchLines, filterStage, headerStage = 1;
    readonly List<byte> accum = [];
    readonly List<string> errors = [];
    readonly List<string> unknownCharsets = [];
    bool quotedCr;
    byte[]? messageId;

    MailInfo(byte[] input, MailInfoOptions options)
    {
        this.input = input;
        this.options = options;
    }

    public static MailInfoResult Run(ReadOnlySpan<byte> mail, MailInfoOptions? options = null)
    {
        options ??= MailInfoOptions.Git;
        var bytes = options.Mailsplit ? UndoCrlf(mail) : mail.ToArray();
        return new MailInfo(bytes, options).Run();
    }

    /// <summary>git mailsplit without --keep-cr: a line ending "\r\n" ends in "\n".</summary>
    public static byte[] UndoCrlf(ReadOnlySpan<byte> mail)
    {
        if (mail.IndexOf("\r\n"u8) < 0)
            return mail.ToArray();
        var output = new byte[mail.Length];
        int n = 0;
        for (int i = 0; i < mail.Length; i++)
        {
            if (mail[i] == '\r' && i + 1 < mail.Length && mail[i + 1] == '\n')
                continue;
            output[n++] = mail[i];
        }
        return output[..n];
    }

    MailInfoResult Run()
    {
        while (pos < input.Length && IsSpace(input[pos]))
            pos++;
        if (pos >= input.Length)
        {
            errors.Add("empty patch");
            return Result(empty: true);
        }
        ReadOnlyMemory<byte> line;
        while (ReadHeaderLine(out line))
            CheckHeader(line.Span, mainHeaders, overwrite: true);
        Body(line);
        return Result(empty: false);
    }

    MailInfoResult Result(bool empty)
    {
        byte[]? author = null, email = null, subject = null, date = null;
        for (int i = 0; i < Names.Length; i++)
        {
            var value = patchLines > 0 && bodyHeaders[i] is not null ? bodyHeaders[i] : mainHeaders[i];
            if (value is null)
                continue;
            switch (i)
            {
                case 0:
                    (author, email) = MailInfoFrom.Read(CleanupSpace(value));
                    break;
                case 1:
                    subject = options.KeepSubject ? value : CleanupSpace(CleanupSubject(value));
                    break;
                default:
                    date = CleanupSpace(value);
                    break;
            }
        }
        return new MailInfoResult
        {
            Message = log.ToArray(),
            Patch = patch.ToArray(),
            Author = author,
            Email = email,
            Subject = subject,
            Date = date,
            Errors = errors,
            UnknownCharsets = unknownCharsets.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            QuotedCr = quotedCr,
            Empty = empty,
        };
    }

    // ---- reading lines ----
    // git reads with stdio into one shared line buffer: once a read has hit the end of input,
    // every later read fails and leaves the buffer as it was. So a mail that ends inside its
    // headers hands its last header to the body, exactly like git.

    ReadOnlyMemory<byte> buffer = ReadOnlyMemory<byte>.Empty;
    bool atEnd;

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

    bool LineWithoutNewline(out ReadOnlyMemory<byte> line)
    {
        bool ok = Read(keepNewline: false);
        line = buffer;
        return ok;
    }

    bool WholeLine(out ReadOnlyMemory<byte> line)
    {
        bool ok = Read(keepNewline: true);
        line = buffer;
        return ok;
    }

    /// <summary>One header with its folded continuation lines; false (and the line, with "\n") at the body.</summary>
    bool ReadHeaderLine(out ReadOnlyMemory<byte> line)
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
        var header = new List<byte>(trimmed.Length + 16);
        header.AddRange(trimmed);
        while (true)
        {
            if (atEnd || pos >= input.Length)
            {
                atEnd = true; // the peek for a continuation hit the end
                break;
            }
            if (input[pos] is not ((byte)' ' or (byte)'\t'))
                break;
            int nl = input.AsSpan(pos).IndexOf((byte)'\n');
            var more = nl < 0 ? input[pos..] : input[pos..(pos + nl)];
            pos = nl < 0 ? input.Length : pos + nl + 1;
            if (nl < 0)
                atEnd = true;
            more[0] = (byte)' ';
            header.AddRange(RTrim(more));
        }
        byte[] joined = [.. header];
        buffer = line = joined;
        return true;
    }

    // ---- headers ----

    bool CheckHeader(ReadOnlySpan<byte> line, byte[]?[] headers, bool overwrite)
    {
        for (int i = 0; i < Names.Length; i++)
        {
            if ((headers[i] is null || overwrite) && SkipHeader(line, Names[i], out int v))
            {
                headers[i] = Decode(line[v..]);
                return true;
            }
        }
        if (SkipHeader(line, "Content-Type", out int ct))
        {
            ContentType(Decode(line[ct..]));
            return true;
        }
        if (SkipHeader(line, "Content-Transfer-Encoding", out int te))
        {
            var value = Latin(Decode(line[te..]));
            transfer = value.Contains("base64", StringComparison.OrdinalIgnoreCase) ? Encoding.Base64
                : value.Contains("quoted-printable", StringComparison.OrdinalIgnoreCase) ? Encoding.QuotedPrintable
                : Encoding.None;
            return true;
        }
        if (SkipHeader(line, "Message-Id", out int id))
        {
            var value = Decode(line[id..]);
            if (options.MessageId)
                messageId = value;
            return true;
        }
        return false;
    }

    byte[] Decode(ReadOnlySpan<byte> value)
    {
        var decoded = DecodeHeader(value, unknownCharsets, out bool error);
        if (error)
            errors.Add("cannot decode header: " + Latin(value.ToArray()));
        return decoded;
    }

    void ContentType(byte[] value)
    {
        var boundary = Attribute(value, "boundary=");
        if (boundary is not null)
        {
            if (boundaries.Count + 1 >= MaxBoundaries)
                errors.Add("Too many boundaries to handle");
            else
                boundaries.Add(System.Text.Encoding.Latin1.GetBytes("--" + boundary));
        }
        charset = Attribute(value, "charset=") ?? "";
        if (string.Equals(Attribute(value, "format="), "flowed", StringComparison.OrdinalIgnoreCase))
        {
            flowed = true;
            delsp = string.Equals(Attribute(value, "delsp="), "yes", StringComparison.OrdinalIgnoreCase);
        }
    }

    static string Latin(byte[] b) => System.Text.Encoding.Latin1.GetString(b);

    // ---- body ----

    byte[]? Top => boundaries.Count > 0 ? boundaries[^1] : null;

    bool IsBoundary(ReadOnlyMemory<byte> line) => Top is { } top && line.Span.StartsWith(top);

    void Body(ReadOnlyMemory<byte> line)
    {
        var prev = new List<byte>();
        if (Top is not null && !FindBoundary(out line))
            return;
        do
        {
            if (IsBoundary(line))
            {
                if (prev.Count > 0)
                {
                    Filter([.. prev]);
                    prev.Clear();
                }
                if (!Boundary(ref line))
                    return;
            }
            switch (transfer)
            {
                case Encoding.Base64:
                case Encoding.QuotedPrintable:
                    var decoded = transfer == Encoding.Base64 ? DecodeB(line.Span) : DecodeQ(line.Span, rfc2047: false);
                    var joined = new byte[prev.Count + decoded.Length];
                    prev.CopyTo(joined);
                    decoded.CopyTo(joined, prev.Count);
                    prev.Clear();
                    int start = 0;
                    while (start < joined.Length)
                    {
                        int nl = joined.AsSpan(start).IndexOf((byte)'\n');
                        if (nl < 0)
                        {
                            prev.AddRange(joined.AsSpan(start)); // a partial line waits for the next one
                            break;
                        }
                        FilterFlowed(joined.AsMemory(start, nl + 1), prev);
                        start += nl + 1;
                    }
                    break;
                default:
                    FilterFlowed(line, prev);
                    break;
            }
        }
        while (WholeLine(out line));
        if (prev.Count > 0)
            Filter([.. prev]);
        FlushAccum();
    }

    bool FindBoundary(out ReadOnlyMemory<byte> line)
    {
        while (LineWithoutNewline(out line))
            if (IsBoundary(line))
                return true;
        return false;
    }

    bool Boundary(ref ReadOnlyMemory<byte> line)
    {
        while (true)
        {
            var top = Top!;
            if (line.Length >= top.Length + 2 && line.Span[top.Length] == '-' && line.Span[top.Length + 1] == '-')
            {
                boundaries.RemoveAt(boundaries.Count - 1); // an end boundary closes this multipart
                Filter("\n"u8.ToArray());
                if (!FindBoundary(out line))
                    return false;
                continue;
            }
            break;
        }
        transfer = Encoding.None;
        charset = "";
        flowed = delsp = false;
        while (ReadHeaderLine(out line))
            CheckHeader(line.Span, mainHeaders, overwrite: false);
        if (!LineWithoutNewline(out var first))
            return false;
        byte[] replenished = [.. first.Span, (byte)'\n'];
        line = replenished;
        return true;
    }

    void FilterFlowed(ReadOnlyMemory<byte> memory, List<byte> prev)
    {
        var line = memory.Span;
        int len = line.Length;
        if (!flowed)
        {
            if (len >= 2 && line[len - 2] == '\r' && line[len - 1] == '\n')
            {
                quotedCr = true;
                if (options.StripQuotedCr)
                {
                    byte[] stripped = [.. line[..(len - 2)], (byte)'\n'];
                    Filter(stripped);
                    return;
                }
            }
            Filter(line);
            return;
        }
        if (len > 0 && line[len - 1] == '\n')
        {
            len--;
            if (len > 0 && line[len - 1] == '\r')
                len--;
        }
        if (len == 3 && line.StartsWith("-- "u8))
        {
            // The signature separator keeps its trailing space.
            if (prev.Count > 0)
            {
                Filter([.. prev]);
                prev.Clear();
            }
            Filter(line);
            return;
        }
        int start = 0;
        if (len > 0 && line[0] == ' ')
        {
            start = 1; // space-stuffed
            len--;
        }
        if (len > 0 && line[start + len - 1] == ' ')
        {
            prev.AddRange(line.Slice(start, len - (delsp ? 1 : 0)));
            return;
        }
        var joined = new byte[prev.Count + line.Length - start];
        prev.CopyTo(joined);
        line[start..].CopyTo(joined.AsSpan(prev.Count));
        prev.Clear();
        Filter(joined);
    }

    void Filter(ReadOnlySpan<byte> line)
    {
        if (filterStage == 0)
        {
            if (!CommitMessageLine(line))
                return;
            filterStage = 1;
        }
        patch.Write(line);
        patchLines++;
    }

    /// <summary>One line of the message part; true when it starts the patch.</summary>
    bool CommitMessageLine(ReadOnlySpan<byte> line)
    {
        if (headerStage != 0 && (line.Length == 0 || (line.Length == 1 && line[0] == '\n')))
        {
            if (accum.Count > 0)
            {
                FlushAccum();
                headerStage = 0;
            }
            return false;
        }
        if (options.InbodyHeaders && headerStage != 0)
        {
            headerStage = InbodyHeader(line) ? 1 : 0;
            if (headerStage != 0)
                return false;
        }
        else
        {
            headerStage = 0;
        }

        bool unknown = false;
        var text = charset.Length == 0 || Charsets.IsUtf8(charset) ? line : Charsets.ToUtf8(line, charset, out unknown);
        if (unknown && !unknownCharsets.Contains(charset))
        {
            unknownCharsets.Add(charset);
            errors.Add($"cannot convert from {charset} to UTF-8");
        }

        if (options.Scissors && IsScissorsLine(text))
        {
            log.SetLength(0);
            headerStage = 1;
            Array.Clear(bodyHeaders);
            return false;
        }
        if (IsPatchBreak(CString(text)))
        {
            if (messageId is not null)
            {
                log.Write("Message-ID: "u8); // newer git spells it so (t5100 msg0012--message-id)
                log.Write(messageId);
                log.WriteByte((byte)'\n');
            }
            return true;
        }
        log.Write(text);
        return false;
    }

    bool InbodyHeader(ReadOnlySpan<byte> line)
    {
        if (accum.Count > 0 && line.Length > 0 && line[0] is (byte)' ' or (byte)'\t')
        {
            if (options.Scissors && IsScissorsLine(line))
            {
                FlushAccum();
                return false;
            }
            if (accum[^1] == '\n')
                accum.RemoveAt(accum.Count - 1);
            accum.AddRange(line);
            return true;
        }
        FlushAccum();
        if (line.StartsWith(">From"u8) && line.Length > 5 && IsSpace(line[5]))
            return IsFormatPatchSeparator(line[1..]);
        if (line.StartsWith("[PATCH]"u8) && line.Length > 7 && IsSpace(line[7]))
        {
            bodyHeaders[1] = line.ToArray();
            return true;
        }
        for (int i = 0; i < Names.Length; i++)
        {
            if (bodyHeaders[i] is null && SkipHeader(line, Names[i], out _))
            {
                accum.AddRange(line);
                return true;
            }
        }
        return false;
    }

    void FlushAccum()
    {
        if (accum.Count == 0)
            return;
        CheckHeader([.. accum], bodyHeaders, overwrite: false);
        accum.Clear();
    }
}
