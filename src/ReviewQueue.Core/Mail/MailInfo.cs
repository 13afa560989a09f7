using System.Buffers;
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
/// <remarks>
/// The pieces: <see cref="MailInfoInput"/> reads lines as git's stdio does,
/// <see cref="MailInfoPart"/> follows the MIME state and checks headers,
/// <see cref="CommitMessageSplit"/> sends each decoded line to the message or the patch.
/// This type walks the parts and undoes transfer encodings and format=flowed.
/// </remarks>
public sealed class MailInfo
{
    readonly MailInfoOptions options;
    readonly MailInfoInput lines;
    readonly MailInfoPart part;
    readonly CommitMessageSplit split;
    readonly byte[]?[] mainHeaders = new byte[3][];
    bool quotedCr;
    byte[] decoded = []; // pooled once a part is base64 or quoted-printable; see Decoded

    MailInfo(byte[] input, MailInfoOptions options)
    {
        this.options = options;
        lines = new MailInfoInput(input);
        part = new MailInfoPart(options);
        split = new CommitMessageSplit(input, options, part);
    }

    public static MailInfoResult Run(ReadOnlySpan<byte> mail, MailInfoOptions? options = null)
    {
        options ??= MailInfoOptions.Git;
        return Run(options.Mailsplit ? UndoCrlf(mail) : mail.ToArray(), options);
    }

    /// <summary>Reads <paramref name="mail"/> in place (it is not changed).</summary>
    public static MailInfoResult Run(byte[] mail, MailInfoOptions? options = null)
    {
        options ??= MailInfoOptions.Git;
        if (options.Mailsplit && mail.AsSpan().IndexOf("\r\n"u8) >= 0)
            mail = UndoCrlf(mail);
        var info = new MailInfo(mail, options);
        try
        {
            return info.Run();
        }
        finally
        {
            info.split.Dispose();
            info.lines.Dispose();
            if (info.decoded.Length > 0)
                ArrayPool<byte>.Shared.Return(info.decoded);
        }
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
        if (!lines.SkipSpace())
        {
            part.Errors.Add("empty patch");
            return Result(empty: true);
        }
        ReadOnlyMemory<byte> line;
        while (lines.HeaderLine(out line))
            part.CheckHeader(line.Span, mainHeaders, overwrite: true);
        Body(line);
        return Result(empty: false);
    }

    MailInfoResult Result(bool empty)
    {
        byte[]? author = null, email = null, subject = null, date = null;
        for (int i = 0; i < MailInfoPart.Names.Length; i++)
        {
            var value = split.PatchLines > 0 && split.BodyHeaders[i] is not null ? split.BodyHeaders[i] : mainHeaders[i];
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
            Message = split.Log.ToArray(),
            Patch = split.Patch.ToArray(),
            Author = author,
            Email = email,
            Subject = subject,
            Date = date,
            Errors = part.Errors,
            UnknownCharsets = part.UnknownCharsets.Count == 0 ? [] : part.UnknownCharsets.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            QuotedCr = quotedCr,
            Empty = empty,
        };
    }

    // ---- body: git's handle_body ----

    void Body(ReadOnlyMemory<byte> line)
    {
        var prev = new List<byte>();
        if (part.Top is not null && !FindBoundary(out line))
            return;
        do
        {
            if (part.IsBoundary(line.Span))
            {
                if (prev.Count > 0)
                {
                    split.Filter([.. prev]);
                    prev.Clear();
                }
                if (!Boundary(ref line))
                    return;
            }
            switch (part.Transfer)
            {
                case MailInfoPart.TransferEncoding.Base64:
                case MailInfoPart.TransferEncoding.QuotedPrintable:
                    Decoded(line.Span, prev);
                    break;
                default:
                    FilterFlowed(line, prev);
                    break;
            }
        }
        while (lines.WholeLine(out line));
        if (prev.Count > 0)
            split.Filter([.. prev]);
        split.FlushAccum();
    }

    /// <summary>A base64 or quoted-printable line: decoded, cut into lines; a partial line waits in <paramref name="prev"/>.</summary>
    void Decoded(ReadOnlySpan<byte> line, List<byte> prev)
    {
        // The waiting bytes, then the decoded line (never longer than the encoded one), in one pooled buffer.
        if (decoded.Length < prev.Count + line.Length)
        {
            if (decoded.Length > 0)
                ArrayPool<byte>.Shared.Return(decoded);
            decoded = ArrayPool<byte>.Shared.Rent(Math.Max(prev.Count + line.Length, 1024));
        }
        prev.CopyTo(decoded);
        var into = decoded.AsSpan(prev.Count);
        int length = prev.Count + (part.Transfer == MailInfoPart.TransferEncoding.Base64 ? DecodeB(line, into) : DecodeQ(line, rfc2047: false, into));
        prev.Clear();
        int start = 0;
        while (start < length)
        {
            int nl = decoded.AsSpan(start, length - start).IndexOf((byte)'\n');
            if (nl < 0)
            {
                prev.AddRange(decoded.AsSpan(start, length - start));
                break;
            }
            FilterFlowed(decoded.AsMemory(start, nl + 1), prev);
            start += nl + 1;
        }
    }

    bool FindBoundary(out ReadOnlyMemory<byte> line)
    {
        while (lines.LineWithoutNewline(out line))
            if (part.IsBoundary(line.Span))
                return true;
        return false;
    }

    bool Boundary(ref ReadOnlyMemory<byte> line)
    {
        while (true)
        {
            var top = part.Top!;
            if (line.Length >= top.Length + 2 && line.Span[top.Length] == '-' && line.Span[top.Length + 1] == '-')
            {
                part.CloseTop(); // an end boundary closes this multipart
                split.Filter("\n"u8);
                if (!FindBoundary(out line))
                    return false;
                continue;
            }
            break;
        }
        part.Reset();
        while (lines.HeaderLine(out line))
            part.CheckHeader(line.Span, mainHeaders, overwrite: false);
        if (!lines.LineWithoutNewline(out var first))
            return false;
        byte[] replenished = [.. first.Span, (byte)'\n'];
        line = replenished;
        return true;
    }

    void FilterFlowed(ReadOnlyMemory<byte> memory, List<byte> prev)
    {
        var line = memory.Span;
        int len = line.Length;
        if (!part.Flowed)
        {
            if (len >= 2 && line[len - 2] == '\r' && line[len - 1] == '\n')
            {
                quotedCr = true;
                if (options.StripQuotedCr)
                {
                    byte[] stripped = [.. line[..(len - 2)], (byte)'\n'];
                    split.Filter(stripped);
                    return;
                }
            }
            split.Filter(line);
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
                split.Filter([.. prev]);
                prev.Clear();
            }
            split.Filter(line);
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
            prev.AddRange(line.Slice(start, len - (part.DelSp ? 1 : 0)));
            return;
        }
        if (prev.Count == 0)
        {
            split.Filter(line[start..]);
            return;
        }
        var joined = new byte[prev.Count + line.Length - start];
        prev.CopyTo(joined);
        line[start..].CopyTo(joined.AsSpan(prev.Count));
        prev.Clear();
        split.Filter(joined);
    }
}
