using ReviewQueue.Core.Ingest;

namespace ReviewQueue.Import;

/// <summary>The seam where the mail reader tells what a message is (kind) and what it holds (JSON).</summary>
public interface IMessageClassifier
{
    (string? Kind, string? Parsed) Classify(MailEnvelope envelope);
}
