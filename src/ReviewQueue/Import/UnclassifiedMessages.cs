using ReviewQueue.Core.Ingest;

namespace ReviewQueue.Import;

/// <summary>Stores messages without a kind; replaced by the mail reader's classifier.</summary>
sealed class UnclassifiedMessages : IMessageClassifier
{
    public Classified Classify(MailEnvelope envelope, DateTimeOffset? arrived) => new(null, null, null);
}
