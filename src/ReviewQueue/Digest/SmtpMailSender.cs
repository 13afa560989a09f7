using Microsoft.Extensions.Options;
using MimeKit;
using ReviewQueue.Configuration;
using ReviewQueue.Mail.Smtp;

namespace ReviewQueue.Digest;

/// <summary>Sends through Smtp:Host with MailKit.</summary>
public sealed class SmtpMailSender(IOptions<SmtpOptions> options) : IMailSender
{
    public Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken) =>
        new SmtpSender(options.Value.Settings).SendAsync(message, cancellationToken);
}
