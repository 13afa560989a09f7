using ReviewQueue.Core.Mail;

namespace ReviewQueue.Series;

/// <summary>Reads a stored raw message again into the mail reader's record.</summary>
public static class StoredMail
{
    public static PatchMail? Read(byte[] raw, DateTimeOffset? arrived = null)
    {
        return MailReader.Read(raw, arrived).Mail;
    }
}
