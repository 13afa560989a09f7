using ReviewQueue.Core.Ingest;

namespace ReviewQueue.Import;

/// <summary>Stores messages without a kind; replaced by the mail reader's classifier.</summary>
sealed class UnclassifiedMessages : IMessageClassifier
{
    public (string? Kind, string? Parsed) Classify(MailEnvelope envelope) => (null, null);
}
