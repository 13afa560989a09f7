using MimeKit;

namespace ReviewQueue.Core.Ingest;

/// <summary>What storage needs of any readable mail: its identity and the headers every view shows.</summary>
/// <param name="Message">
/// For the mail reader. A mail of one non-HTML part keeps only From, Subject, Date, Message-ID,
/// In-Reply-To, References, List-Id and X-Original-From (a relay's author), and no body (EnvelopeReader); a multipart, HTML or
/// attached-mail one is MimeKit's whole parse. Whoever needs other headers or the parts parses the raw bytes.
/// </param>
public sealed record MailEnvelope(
    string MessageId,
    bool SyntheticId,
    string? Subject,
    string? FromName,
    string? FromEmail,
    DateTimeOffset? Date,
    string? ListId,
    MimeMessage Message,
    IReadOnlyList<MailProblem> Problems);

/// <summary>A mail is either read (an envelope) or rejected with its reasons; never an exception.</summary>
public sealed record EnvelopeResult(MailEnvelope? Envelope, IReadOnlyList<MailProblem> Problems)
{
    public bool Rejected => Envelope is null;
}
