using MimeKit;
using MimeKit.Utils;

namespace ReviewQueue.Core.Digest;

/// <summary>
/// The digest as a mail: multipart/alternative with the plain text first, marked as automatic
/// bulk mail, with RFC 8058 one-click unsubscribe when its link is HTTPS.
/// </summary>
public static class DigestMessage
{
    public static MimeMessage Build(DigestContent content, DigestLinks links, MailboxAddress from, string messageId, DateTimeOffset date)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(content.Recipient));
        message.Subject = DigestComposer.Subject(content);
        message.MessageId = messageId;
        message.Date = date;
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("Precedence", "bulk");
        message.Headers.Add(HeaderId.ListUnsubscribe, $"<{links.Unsubscribe}>");
        // RFC 8058 3.1: the one-click POST needs an HTTPS URI, as a mail client may send it without asking again. Over
        // http the link stays (RFC 2369 takes any URL): the client opens the page, whose button unsubscribes.
        if (Uri.TryCreate(links.Unsubscribe, UriKind.Absolute, out var unsubscribe) && unsubscribe.Scheme == Uri.UriSchemeHttps)
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        var alternative = new MultipartAlternative
        {
            new TextPart("plain") { Text = DigestComposer.PlainText(content, links) },
            new TextPart("html") { Text = DigestComposer.Html(content, links) },
        };
        message.Body = alternative;
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }

    /// <summary>A new Message-ID in the sender's domain.</summary>
    public static string NewMessageId(MailboxAddress from)
    {
        var at = from.Address.LastIndexOf('@');
        var domain = at >= 0 ? from.Address[(at + 1)..] : "reviewqueue.invalid";
        return MimeUtils.GenerateMessageId(domain);
    }
}
