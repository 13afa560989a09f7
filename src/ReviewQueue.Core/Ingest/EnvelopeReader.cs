using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using MimeKit;
using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Ingest;

/// <summary>
/// Parses raw bytes with MimeKit into a <see cref="MailEnvelope"/>. The Message-ID is the identity;
/// a mail without one gets a stable id derived from its From, Date, Subject and body, so the same
/// mail imported again is still a duplicate.
/// </summary>
public static class EnvelopeReader
{
    public const string SyntheticDomain = "synthetic.reviewqueue.invalid";

    static readonly ParserOptions Options = new()
    {
        // Real list mail: keep going on odd headers; MimeKit is lenient by default.
        AllowAddressesWithoutDomain = true,
    };

    [ThreadStatic]
    static MimeParser? Parser;

    public static EnvelopeResult Read(byte[] raw)
    {
        if (raw.AsSpan().Trim("\r\n \t"u8).IsEmpty)
            return Reject(new MailProblem(MailProblem.Empty, "the message has no bytes"));

        MimeMessage message;
        IList<Header> headers; // the message's own: MimeKit gives the Content-* headers to its body
        try
        {
            // Most list mail is one non-HTML part: MimeKit parses only the headers read later (KeptNames),
            // and the message kept has no body. A whole MimeMessage parses every Received, DKIM and ARC
            // header and every address of long To/Cc lists, and walks the body, which git's rules
            // (MailInfo) read from the raw bytes anyway. Where the parts matter (multipart, HTML, attached
            // mail: MailReader's HTML-only rule) or the headers are odd, the whole message is parsed as before.
            if (HeadersOnly(raw) is { } list)
            {
                headers = list; // only kept headers, none of them Content-*
                message = Kept(list);
            }
            else
            {
                message = Parse(raw);
                headers = message.Headers;
            }
        }
        catch (FormatException e)
        {
            return Reject(new MailProblem(MailProblem.Unparseable, e.Message));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // MimeKit should only throw FormatException; anything else is still the mail's fault here.
            return Reject(new MailProblem(MailProblem.Unparseable, $"{e.GetType().Name}: {e.Message}"));
        }

        if (headers.Count == 0)
            return Reject(new MailProblem(MailProblem.NoHeaders, "no header lines before the body"));

        bool hasFrom = Has(headers, HeaderId.From);
        bool hasSubject = Has(headers, HeaderId.Subject);
        bool hasDate = Has(headers, HeaderId.Date);
        bool hasId = Has(headers, HeaderId.MessageId);
        if (!hasFrom && !hasSubject && !hasDate && !hasId)
            return Reject(new MailProblem(MailProblem.NoUsableHeaders,
                "none of From, Subject, Date or Message-ID; headers seen: " +
                string.Join(", ", headers.Select(h => h.Field).Distinct().Take(10))));

        var problems = new List<MailProblem>();
        var (messageId, synthetic) = Identity(message, raw, problems);
        var from = message.From.Mailboxes.FirstOrDefault();
        DateTimeOffset? date = null;
        if (!hasDate)
            problems.Add(new MailProblem(MailProblem.MissingDate, "no Date header"));
        else if (!MailDate.TryParse(message.Headers[HeaderId.Date], out var parsed))
            problems.Add(new MailProblem(MailProblem.BadDate, $"unreadable Date: {Shorten(message.Headers[HeaderId.Date])}"));
        else
            date = parsed;

        var envelope = new MailEnvelope(
            messageId, synthetic,
            hasSubject ? message.Subject : null,
            string.IsNullOrEmpty(from?.Name) ? null : from.Name,
            from?.Address,
            date,
            ListId(message),
            message,
            problems);
        return new EnvelopeResult(envelope, problems);
    }

    /// <summary>The headers that envelope and mail reader read; the message's other properties come from these.</summary>
    static readonly byte[][] KeptNames =
        ["From"u8.ToArray(), "Subject"u8.ToArray(), "Date"u8.ToArray(), "Message-ID"u8.ToArray(),
         "In-Reply-To"u8.ToArray(), "References"u8.ToArray(), "List-Id"u8.ToArray(), "X-Original-From"u8.ToArray()];

    static bool Has(IList<Header> headers, HeaderId id)
    {
        foreach (var header in headers)
            if (header.Id == id)
                return true;
        return false;
    }

    static MimeParser ThreadParser() =>
        // One parser per thread, given each mail in turn: its buffers (4 KB, and the header buffer grown
        // for the longest DKIM or ARC header) are not allocated again for every mail.
        Parser ??= new MimeParser(Options, Stream.Null, MimeFormat.Entity, persistent: true);

    static MimeMessage Parse(byte[] raw)
    {
        // Not disposed: with persistent parsing the parts read from it later (a MemoryStream holds nothing else).
        var stream = new MemoryStream(raw, writable: false);
        // persistent: part contents stay slices of raw (no copy); raw lives as long as the message.
        var parser = ThreadParser();
        try
        {
            parser.SetStream(stream, MimeFormat.Entity, persistent: true);
            return parser.ParseMessage();
        }
        finally
        {
            parser.SetStream(Stream.Null, MimeFormat.Entity); // the parser keeps no mail's bytes alive
        }
    }

    /// <summary>The headers that are read, or null where the whole message must be parsed (see <see cref="Read"/>).</summary>
    static HeaderList? HeadersOnly(byte[] raw)
    {
        if (KeptLines(raw) is not { } kept)
            return null;
        var parser = ThreadParser();
        try
        {
            parser.SetStream(new MemoryStream(kept, writable: false), MimeFormat.Entity, persistent: true);
            return parser.ParseHeaders();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null; // the whole parse says what is wrong, in its own words
        }
        finally
        {
            parser.SetStream(Stream.Null, MimeFormat.Entity);
        }
    }

    /// <summary>
    /// The lines of the kept headers (with their folded lines), copied in order and ending in an empty
    /// line; null for anything but plain "Name: value" headers ended by an empty line, for a Content-*
    /// header that could make parts, HTML or an attached mail, and for none of From, Subject, Date and
    /// Message-ID: there the whole parse decides, as before. Received, DKIM and ARC headers, most of the
    /// bytes of list mail, are skipped without being parsed.
    /// </summary>
    static byte[]? KeptLines(byte[] raw)
    {
        var span = raw.AsSpan();
        var kept = new ArrayBufferWriter<byte>(1024);
        bool keeping = false, usable = false;
        int at = 0;
        while (true)
        {
            int lf = span[at..].IndexOf((byte)'\n');
            if (lf < 0)
                return null; // no empty line ends the headers
            var line = span.Slice(at, lf + 1);
            at += lf + 1;
            var content = line[..^1];
            if (content.EndsWith("\r"u8))
                content = content[..^1];
            if (content.IndexOf((byte)'\r') >= 0 || content.IndexOf((byte)0) >= 0)
                return null;
            if (content.IsEmpty)
                break;
            if (content[0] is (byte)' ' or (byte)'\t')
            {
                if (at == line.Length)
                    return null; // a folded line with no header before it
                if (keeping)
                    kept.Write(line);
                continue;
            }
            int colon = content.IndexOf((byte)':');
            if (colon <= 0)
                return null;
            var name = content[..colon];
            foreach (var b in name)
                if (b is <= (byte)' ' or >= 127)
                    return null;
            if (StartsWithIgnoreCase(name, "Content-"u8))
            {
                var value = content[(colon + 1)..];
                if (Mentions(value, "html"u8) || Mentions(value, "multipart"u8) || Mentions(value, "message"u8))
                    return null;
                keeping = false;
                continue;
            }
            keeping = false;
            foreach (var known in KeptNames)
                if (Ascii.EqualsIgnoreCase(name, known))
                {
                    keeping = true;
                    usable |= !Ascii.EqualsIgnoreCase(known, "In-Reply-To"u8) && !Ascii.EqualsIgnoreCase(known, "References"u8)
                        && !Ascii.EqualsIgnoreCase(known, "List-Id"u8) && !Ascii.EqualsIgnoreCase(known, "X-Original-From"u8);
                    break;
                }
            if (keeping)
                kept.Write(line);
        }
        // A folded last line of a Content-* header could also mention a part type: the loop above saw only its first line.
        if (!usable || HasFoldedContentHeader(span[..at]))
            return null;
        kept.Write("\n"u8);
        return kept.WrittenSpan.ToArray();
    }

    static bool HasFoldedContentHeader(ReadOnlySpan<byte> headers)
    {
        bool content = false;
        foreach (var range in headers.Split((byte)'\n'))
        {
            var line = headers[range];
            if (line.IsEmpty)
                continue;
            if (line[0] is (byte)' ' or (byte)'\t')
            {
                if (content)
                    return true;
            }
            else
                content = StartsWithIgnoreCase(line, "Content-"u8);
        }
        return false;
    }

    static bool StartsWithIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> prefix) =>
        value.Length >= prefix.Length && Ascii.EqualsIgnoreCase(value[..prefix.Length], prefix);

    static bool Mentions(ReadOnlySpan<byte> value, ReadOnlySpan<byte> lower)
    {
        for (int i = 0; i + lower.Length <= value.Length; i++)
            if (Ascii.EqualsIgnoreCase(value.Slice(i, lower.Length), lower))
                return true;
        return false;
    }

    /// <summary>
    /// A message of the read headers only, in their order, with no body: MimeKit reads From, Message-ID,
    /// In-Reply-To and References from them by its own rules. A single non-HTML part has nothing for the
    /// HTML-only rule, so no body is the same answer there.
    /// </summary>
    static MimeMessage Kept(HeaderList list) =>
        // This constructor adds no Date or Message-ID of its own (the parameterless one invents both).
        new(list);

    /// <summary>The Message-ID without angle brackets, as lore and b4 write it.</summary>
    public static string? NormalizeMessageId(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var id = value.Trim();
        int open = id.IndexOf('<');
        if (open >= 0)
        {
            int close = id.IndexOf('>', open + 1);
            id = close > open ? id[(open + 1)..close] : id[(open + 1)..];
        }
        id = id.Trim();
        return id.Length == 0 ? null : id;
    }

    /// <summary>
    /// The Message-ID a mail with these headers is stored under, read as <see cref="Read"/> reads it; null when it has
    /// none, and its id is then derived from its content. An IMAP client learns it from the header alone, before the body.
    /// </summary>
    public static string? MessageIdOf(HeaderList headers) => DeclaredId(new MimeMessage(headers));

    static string? DeclaredId(MimeMessage message) =>
        NormalizeMessageId(message.MessageId) ?? NormalizeMessageId(message.Headers[HeaderId.MessageId]);

    static (string Id, bool Synthetic) Identity(MimeMessage message, byte[] raw, List<MailProblem> problems)
    {
        var id = DeclaredId(message);
        if (id is not null)
            return (id, false);
        problems.Add(new MailProblem(MailProblem.MissingMessageId, "no Message-ID; a stable one was derived from the content"));
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in new[] { HeaderId.From, HeaderId.Date, HeaderId.Subject })
        {
            sha.AppendData(Encoding.UTF8.GetBytes(message.Headers[name] ?? ""));
            sha.AppendData([0]);
        }
        sha.AppendData(Body(raw));
        var hex = Convert.ToHexStringLower(sha.GetHashAndReset())[..32];
        return ($"{hex}@{SyntheticDomain}", true);
    }

    /// <summary>
    /// The body as it is hashed for a synthetic id, the same however the mail arrived: line ends as LF (from
    /// CRLF or CR), and the blank lines at its end (an mbox's separator line, a missing or extra newline) cut
    /// to one newline after the last line with text. A mail in the usual form (LF, one newline at the end) is
    /// hashed as before this was done, so the ids ledgers already hold stay. A leading mbox "From " line is in
    /// the headers, which are hashed only through From, Date and Subject.
    /// </summary>
    static byte[] Body(byte[] raw)
    {
        var text = LineFeeds(raw);
        int start = text.AsSpan().IndexOf("\n\n"u8);
        if (start < 0)
            return [];
        var body = text.AsSpan((start + 2)..);
        int last = body.LastIndexOfAnyExcept(" \t\n"u8);
        if (last < 0)
            return [];
        int lineEnd = body[last..].IndexOf((byte)'\n');
        var lines = lineEnd < 0 ? body : body[..(last + lineEnd)];
        var hashed = new byte[lines.Length + 1];
        lines.CopyTo(hashed);
        hashed[^1] = (byte)'\n';
        return hashed;
    }

    /// <summary>The bytes with every CRLF and lone CR as LF.</summary>
    static byte[] LineFeeds(byte[] raw)
    {
        if (raw.AsSpan().IndexOf((byte)'\r') < 0)
            return raw;
        var output = new byte[raw.Length];
        int written = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '\r')
                output[written++] = raw[i];
            else if (i + 1 >= raw.Length || raw[i + 1] != '\n')
                output[written++] = (byte)'\n';
        }
        return output[..written];
    }

    static string? ListId(MimeMessage message) => ReadListId(message.Headers[HeaderId.ListId]);

    /// <summary>A List-Id header's id ("Name &lt;id&gt;" or the id alone), without its brackets; null when it names none.
    /// `import --list-id` reads its value the same way, so the mail it files counts with the list's other mail.</summary>
    public static string? ReadListId(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        int open = value.LastIndexOf('<');
        int close = value.LastIndexOf('>');
        var id = open >= 0 && close > open ? value[(open + 1)..close].Trim() : value.Trim();
        return id.Length == 0 ? null : id;
    }

    static string Shorten(string? s) => s is null ? "" : s.Length <= 80 ? s : s[..80] + "…";

    static EnvelopeResult Reject(MailProblem problem) => new(null, [problem]);
}
