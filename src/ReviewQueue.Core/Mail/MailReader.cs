using MimeKit;
using MimeKit.Utils;
using ReviewQueue.Core.Ingest;

namespace ReviewQueue.Core.Mail;

/// <summary>
/// Reads one mail into a <see cref="PatchMail"/>: headers from MimeKit, the commit side from
/// <see cref="MailInfo"/> (git am's mailsplit + mailinfo), files and patch-id from the diff.
/// Never throws: a mail that cannot be read at all comes back as problems.
/// </summary>
public static class MailReader
{
    static readonly FormatOptions Unix = CreateFormat();

    static FormatOptions CreateFormat()
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Unix;
        return options;
    }

    /// <summary>Reads a parsed message; its bytes for git's rules are written back by MimeKit (unchanged for parsed mail).</summary>
    public static MailReadResult Read(MimeMessage message, DateTimeOffset? arrived)
    {
        try
        {
            using var stream = new MemoryStream();
            message.WriteTo(Unix, stream);
            return Read(message, stream.ToArray(), arrived);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Failed(e);
        }
    }

    /// <summary>Reads raw bytes (parsed here with MimeKit).</summary>
    public static MailReadResult Read(byte[] raw, DateTimeOffset? arrived)
    {
        if (raw.AsSpan().Trim("\r\n \t"u8).IsEmpty)
            return new MailReadResult(null, [new MailProblem(MailProblem.Empty, "the message has no bytes")]);
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            return Read(new MimeParser(stream, MimeFormat.Entity).ParseMessage(), raw, arrived);
        }
        catch (FormatException e)
        {
            // No mail headers (a bare patch file): git am still reads it, and so do we.
            var empty = new MimeMessage();
            empty.Headers.Clear(); // no invented Date or Message-ID
            var read = Read(empty, raw, arrived);
            var problem = new MailProblem(MailProblem.NoHeaders, $"not a mail ({e.Message}); read as a bare patch");
            return read.Mail is { } mail ? read with { Mail = mail with { Problems = [problem, .. mail.Problems] } } : read;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new MailReadResult(null, [new MailProblem(MailProblem.Unparseable, $"{e.GetType().Name}: {e.Message}")]);
        }
    }

    /// <summary>Reads a message whose raw bytes are at hand: git's rules run on exactly these bytes.</summary>
    public static MailReadResult Read(MimeMessage message, byte[] raw, DateTimeOffset? arrived)
    {
        try
        {
            return new MailReadResult(Build(message, raw, arrived, MessageId(message)), []);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Failed(e);
        }
    }

    /// <summary>The import path: an envelope already read (its Message-ID is not parsed again) and its raw bytes.</summary>
    public static MailReadResult Read(MailEnvelope envelope, byte[] raw, DateTimeOffset? arrived)
    {
        try
        {
            // EnvelopeReader took the same header's id, and made one up only where there is none.
            return new MailReadResult(Build(envelope.Message, raw, arrived, envelope.SyntheticId ? null : envelope.MessageId, envelope), []);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Failed(e);
        }
    }

    static MailReadResult Failed(Exception e) =>
        new(null, [new MailProblem(MailProblems.ReaderFailure, $"{e.GetType().Name}: {e.Message}")]);

    static string? MessageId(MimeMessage message) =>
        EnvelopeReader.NormalizeMessageId(message.MessageId) ?? EnvelopeReader.NormalizeMessageId(message.Headers[HeaderId.MessageId]);

    /// <param name="envelope">When given, its Date and List-Id (read from the same headers by the same rules) are taken as they are.</param>
    static PatchMail Build(MimeMessage message, byte[] raw, DateTimeOffset? arrived, string? messageId, MailEnvelope? envelope = null)
    {
        var problems = new List<MailProblem>();
        var info = MailInfo.Run(raw, MailInfoOptions.Am);
        foreach (var charset in info.UnknownCharsets)
            problems.Add(new MailProblem(MailProblems.UnknownCharset, $"unknown charset \"{charset}\": decoded as UTF-8 or Windows-1252"));
        foreach (var error in info.Errors.Where(e => !e.StartsWith("cannot convert", StringComparison.Ordinal)).Distinct())
            problems.Add(new MailProblem(MailProblems.MailinfoError, error));

        var headers = message.Headers;
        if (messageId is null)
            problems.Add(new MailProblem(MailProblem.MissingMessageId, "no Message-ID"));
        var header = message.From.Mailboxes.FirstOrDefault();
        if (header is null)
            problems.Add(new MailProblem(MailProblems.MissingFrom, "no usable From address"));
        var sender = RelayedFrom.Sender(message);
        var from = new Person(Blank(sender?.Name), Blank(sender?.Address));
        var author = info.Author is null ? from
            : new Person(Blank(Charsets.Text(info.Author)), Blank(Charsets.Text(info.Email ?? [])));
        // mailinfo took the relay's From (no in-body From: line, as in a cover letter): the author is the person behind it.
        if (!ReferenceEquals(sender, header) && author.Email is { } taken && header?.Address is { } relay && taken.Equals(relay, StringComparison.OrdinalIgnoreCase))
            author = from;
        var date = envelope?.Date ?? ReadDate(headers, problems); // no date in the envelope: ReadDate says why

        var subjectText = headers.Contains(HeaderId.Subject) ? message.Subject : null;
        if (subjectText is null)
            problems.Add(new MailProblem(MailProblems.MissingSubject, "no Subject"));
        var subject = SubjectLine.Parse(subjectText);

        var diff = Charsets.Text(info.Patch);
        if (!Charsets.IsValidUtf8(info.Patch))
            problems.Add(new MailProblem(MailProblems.DiffNotUtf8, "the diff is not valid UTF-8; the patch-id uses its bytes"));
        var changes = DiffReader.Read(diff, out bool truncated);
        if (truncated)
            problems.Add(new MailProblem(MailProblems.TruncatedDiff, "a hunk ends before its line counts say"));
        string? patchId = changes.Count > 0 ? PatchId.Compute(info.Patch) : null;
        if (changes.Count > 0 && patchId is null)
            problems.Add(new MailProblem(MailProblems.NoPatchId, "git patch-id gives no id for this diff"));

        var commitMessage = Charsets.Text(info.Message);
        var body = Body(message, commitMessage, diff, problems);
        var unquoted = MailBodyFields.Unquoted(body);
        var pull = MailBodyFields.Pull(unquoted);
        var references = References(message);
        var inReplyTo = EnvelopeReader.NormalizeMessageId(message.InReplyTo);
        var kind = Classify(subject, changes.Count > 0, pull, unquoted, inReplyTo, references);
        var stat = changes.Count > 0 ? DiffReader.Stat(changes)
            : kind == MailKind.CoverLetter ? MailBodyFields.Stat(unquoted) ?? DiffStat.None : DiffStat.None;
        var trailers = kind == MailKind.Patch ? TrailerReader.FromCommitMessage(commitMessage) : TrailerReader.FromReply(body);

        return new PatchMail(
            kind, messageId, from, author, date, AuthorDate(info, date), arrived, ReceivedHeader.Newest(raw), inReplyTo, references, envelope is null ? ListId(headers) : envelope.ListId,
            subject, info.Subject is null ? subject.Title : Charsets.Text(info.Subject),
            commitMessage, diff, body, changes, DiffReader.Paths(changes), stat, patchId, trailers,
            MailBodyFields.Base(unquoted), MailBodyFields.Change(unquoted), MailBodyFields.Prerequisites(unquoted),
            pull, problems);
    }

    /// <summary>DOMAIN.md 2, "Kinds": a reply prefix makes a reply even when it carries a diff.</summary>
    public static MailKind Classify(SubjectLine subject, bool hasDiff, PullRequest? pull, string unquotedBody,
        string? inReplyTo, IReadOnlyList<string> references)
    {
        if (subject.IsReply)
            return MailKind.Reply;
        if (pull is not null && (hasDiff is false || subject.Prefixes.Any(p => p.Equals("PULL", StringComparison.OrdinalIgnoreCase))
            || unquotedBody.Contains("changes since commit", StringComparison.OrdinalIgnoreCase)))
            return MailKind.PullRequest;
        if (hasDiff)
            return MailKind.Patch;
        if (subject.HasCounter && subject.Index == 0 && subject.Total > 0)
            return MailKind.CoverLetter;
        if ((subject.Patch || subject.Rfc) && MailBodyFields.Stat(unquotedBody) is not null)
            return MailKind.CoverLetter;
        if (inReplyTo is not null || references.Count > 0)
            return MailKind.Reply;
        return MailKind.Other;
    }

    /// <summary>mailinfo's Date (the header's, or an in-body Date: that overrides it), read; the header's when unreadable.</summary>
    static DateTimeOffset? AuthorDate(MailInfoResult info, DateTimeOffset? header) =>
        info.Date is { } text && MailDate.TryParse(Charsets.Text(text), out var date) ? date : header;

    static DateTimeOffset? ReadDate(HeaderList headers, List<MailProblem> problems)
    {
        var value = headers[HeaderId.Date];
        if (value is null)
        {
            problems.Add(new MailProblem(MailProblem.MissingDate, "no Date header"));
            return null;
        }
        if (MailDate.TryParse(value, out var date))
            return date;
        problems.Add(new MailProblem(MailProblem.BadDate, $"unreadable Date: {(value.Length > 80 ? value[..80] + "…" : value)}"));
        return null;
    }

    /// <summary>
    /// The readable text, as git reads it: every text part decoded (charset, transfer encoding,
    /// format=flowed), in order. An HTML-only mail is read without its tags.
    /// </summary>
    static string Body(MimeMessage message, string commitMessage, string diff, List<MailProblem> problems)
    {
        var text = diff.Length == 0 ? commitMessage : commitMessage + diff;
        bool plain = false, html = false;
        foreach (var part in message.BodyParts)
        {
            if (part.ContentType.IsMimeType("text", "html"))
                html = true;
            else if (part.ContentType.IsMimeType("text", "*"))
                plain = true;
        }
        if (!html || plain || message.Body is null)
            return text;
        problems.Add(new MailProblem(MailProblems.HtmlOnly, "only an HTML body; its text was read without tags"));
        return HtmlText.Strip(text);
    }

    /// <summary>The References ids, normalized, each once, in their order.</summary>
    static IReadOnlyList<string> References(MimeMessage message)
    {
        var ids = new List<string>(message.References.Count);
        var seen = message.References.Count > 32 ? new HashSet<string>() : null; // a long thread's list
        foreach (var reference in message.References)
            if (EnvelopeReader.NormalizeMessageId(reference) is { } id && (seen?.Add(id) ?? !ids.Contains(id)))
                ids.Add(id);
        return ids;
    }

    static string? ListId(HeaderList headers)
    {
        var value = headers[HeaderId.ListId];
        if (string.IsNullOrWhiteSpace(value))
            return null;
        int open = value.LastIndexOf('<');
        int close = value.LastIndexOf('>');
        return open >= 0 && close > open ? value[(open + 1)..close].Trim() : value.Trim();
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
