using MailKit.Net.Smtp;
using MimeKit;

namespace ReviewQueue.Mail.Smtp;

/// <summary>Sends one message per connection with MailKit's SmtpClient; errors propagate (the caller records and retries).</summary>
/// <param name="loginInTheClear">Told the host when the login is about to go unencrypted to another machine (see <see cref="LoginInTheClear"/>).</param>
public sealed class SmtpSender(SmtpSettings settings, Action<string>? loginInTheClear = null)
{
    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(60).TotalMilliseconds };
        await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.User))
        {
            if (LoginInTheClear.Exposes(settings.Host, client.IsSecure))
                loginInTheClear?.Invoke(settings.Host);
            await client.AuthenticateAsync(settings.User, settings.Password ?? "", cancellationToken);
        }
        var answer = await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        return answer;
    }
}
