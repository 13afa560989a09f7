using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.Utils;

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
        try
        {
            // Not disposed: with persistent parsing the parts read from it later (a MemoryStream holds nothing else).
            var stream = new MemoryStream(raw, writable: false);
            // persistent: part contents stay slices of raw (no copy); raw lives as long as the message.
            // One parser per thread, given each mail in turn: its buffers (4 KB, and the header buffer grown
            // for the longest DKIM or ARC header) are not allocated again for every mail.
            var parser = Parser ??= new MimeParser(Options, Stream.Null, MimeFormat.Entity, persistent: true);
            try
            {
                parser.SetStream(stream, MimeFormat.Entity, persistent: true);
                message = parser.ParseMessage();
            }
            finally
            {
                parser.SetStream(Stream.Null, MimeFormat.Entity); // the parser keeps no mail's bytes alive
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

        if (message.Headers.Count == 0)
            return Reject(new MailProblem(MailProblem.NoHeaders, "no header lines before the body"));

        bool hasFrom = message.Headers.Contains(HeaderId.From);
        bool hasSubject = message.Headers.Contains(HeaderId.Subject);
        bool hasDate = message.Headers.Contains(HeaderId.Date);
        bool hasId = message.Headers.Contains(HeaderId.MessageId);
        if (!hasFrom && !hasSubject && !hasDate && !hasId)
            return Reject(new MailProblem(MailProblem.NoUsableHeaders,
                "none of From, Subject, Date or Message-ID; headers seen: " +
                string.Join(", ", message.Headers.Select(h => h.Field).Distinct().Take(10))));

        var problems = new List<MailProblem>();
        var (messageId, synthetic) = Identity(message, raw, problems);
        var from = message.From.Mailboxes.FirstOrDefault();
        DateTimeOffset? date = null;
        if (!hasDate)
            problems.Add(new MailProblem(MailProblem.MissingDate, "no Date header"));
        else if (!DateUtils.TryParse(message.Headers[HeaderId.Date], out var parsed))
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

    static (string Id, bool Synthetic) Identity(MimeMessage message, byte[] raw, List<MailProblem> problems)
    {
        var id = NormalizeMessageId(message.MessageId) ?? NormalizeMessageId(message.Headers[HeaderId.MessageId]);
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

    static ReadOnlySpan<byte> Body(byte[] raw)
    {
        var span = raw.AsSpan();
        int lf = span.IndexOf("\n\n"u8);
        int crlf = span.IndexOf("\r\n\r\n"u8);
        if (lf < 0 && crlf < 0)
            return [];
        if (crlf >= 0 && (lf < 0 || crlf < lf))
            return span[(crlf + 4)..];
        return span[(lf + 2)..];
    }

    static string? ListId(MimeMessage message)
    {
        var value = message.Headers[HeaderId.ListId];
        if (string.IsNullOrWhiteSpace(value))
            return null;
        int open = value.LastIndexOf('<');
        int close = value.LastIndexOf('>');
        return open >= 0 && close > open ? value[(open + 1)..close].Trim() : value.Trim();
    }

    static string Shorten(string? s) => s is null ? "" : s.Length <= 80 ? s : s[..80] + "…";

    static EnvelopeResult Reject(MailProblem problem) => new(null, [problem]);
}
