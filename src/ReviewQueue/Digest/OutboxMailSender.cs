using Microsoft.Extensions.Options;
using MimeKit;
using ReviewQueue.Configuration;

namespace ReviewQueue.Digest;

/// <summary>
/// No SMTP configured: each message becomes Digest:Outbox/&lt;message-id&gt;.eml. Sending the same
/// message again rewrites the same file, so a resend after a crash leaves one copy.
/// </summary>
public sealed class OutboxMailSender(IOptions<DigestOptions> options) : IMailSender
{
    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(options.Value.Outbox);
        Directory.CreateDirectory(folder);
        var name = new string((message.MessageId ?? Guid.NewGuid().ToString("N")).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@' ? c : '_').ToArray());
        var path = Path.Combine(folder, name + ".eml");
        var temporary = path + ".tmp";
        await using (var file = File.Create(temporary))
            await message.WriteToAsync(file, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
