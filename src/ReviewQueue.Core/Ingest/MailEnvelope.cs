using MimeKit;

namespace ReviewQueue.Core.Ingest;

/// <summary>What storage needs of any readable mail: its identity and the headers every view shows.</summary>
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
