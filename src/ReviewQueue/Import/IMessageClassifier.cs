using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;

namespace ReviewQueue.Import;

/// <summary>What the mail reader made of a message: its kind, its record as JSON, and the record itself.</summary>
public sealed record Classified(string? Kind, string? Parsed, PatchMail? Mail);

/// <summary>The seam where the mail reader tells what a message is.</summary>
public interface IMessageClassifier
{
    /// <param name="raw">The message's bytes as stored: git's rules run on exactly these.</param>
    Classified Classify(MailEnvelope envelope, byte[] raw, DateTimeOffset? arrived);
}
