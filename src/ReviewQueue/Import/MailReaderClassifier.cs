using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;

namespace ReviewQueue.Import;

/// <summary>The mail reader behind the import seam: kind, and the record series assembly needs.</summary>
sealed class MailReaderClassifier : IMessageClassifier
{
    public Classified Classify(MailEnvelope envelope, byte[] raw, DateTimeOffset? arrived)
    {
        var read = MailReader.Read(envelope.Message, raw, arrived);
        return read.Mail is { } mail ? new Classified(mail.Kind.Name(), null, mail) : new Classified(null, null, null);
    }
}
