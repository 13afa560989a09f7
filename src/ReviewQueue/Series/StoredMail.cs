using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;

namespace ReviewQueue.Series;

/// <summary>Reads a stored raw message again into the mail reader's record.</summary>
public static class StoredMail
{
    public static PatchMail? Read(byte[] raw, DateTimeOffset? arrived = null)
    {
        var envelope = EnvelopeReader.Read(raw).Envelope;
        return envelope is null ? null : MailReader.Read(envelope.Message, arrived).Mail;
    }
}
