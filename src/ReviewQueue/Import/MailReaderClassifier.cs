using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;

namespace ReviewQueue.Import;

/// <summary>
/// The mail reader at the import seam: kind into messages.kind, its record (JSON, as `inspect`
/// prints it) into messages.parsed, and the PatchMail itself for the ledger's series facts.
/// </summary>
sealed class MailReaderClassifier : IMessageClassifier
{
    public Classified Classify(MailEnvelope envelope, byte[] raw, DateTimeOffset? arrived)
    {
        var result = MailReader.Read(envelope, raw, arrived);
        return new Classified(result.Mail?.Kind.Name(), MailRecord.Of(result).ToJson(), result.Mail);
    }
}
