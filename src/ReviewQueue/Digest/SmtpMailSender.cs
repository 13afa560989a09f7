using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using ReviewQueue.Configuration;
using ReviewQueue.Imap;
using ReviewQueue.Mail.Smtp;

namespace ReviewQueue.Digest;

/// <summary>Sends through Smtp:Host with MailKit.</summary>
public sealed class SmtpMailSender(IOptions<SmtpOptions> options, ILogger<SmtpMailSender> log) : IMailSender
{
    public Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken) =>
        new SmtpSender(options.Value.Settings, host =>
            ClearTextLogin.Warn(log, "SMTP", host, options.Value.Port, "Smtp:Security", options.Value.Security.ToString()))
            .SendAsync(message, cancellationToken);
}
