using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;

namespace ReviewQueue.Import;

/// <summary>What the mail reader made of a message: its kind, its record as JSON, and the record itself.</summary>
public sealed record Classified(string? Kind, string? Parsed, PatchMail? Mail);

/// <summary>The seam where the mail reader tells what a message is.</summary>
public interface IMessageClassifier
{
    Classified Classify(MailEnvelope envelope, DateTimeOffset? arrived);
}
