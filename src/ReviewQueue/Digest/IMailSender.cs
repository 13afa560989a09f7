using MimeKit;

namespace ReviewQueue.Digest;

/// <summary>Where outgoing mail goes: SMTP, or the outbox folder when no SMTP host is configured.</summary>
public interface IMailSender
{
    /// <summary>Says where it went (SMTP's answer or the file written). Throws when it did not go.</summary>
    Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
