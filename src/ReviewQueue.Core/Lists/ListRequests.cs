using MimeKit;

namespace ReviewQueue.Core.Lists;

/// <summary>
/// The mails a list manager understands: the subscription request, and the answer to its
/// confirmation mail (double opt-in).
/// </summary>
public static class ListRequests
{
    /// <summary>
    /// mlmmj: an empty mail to list+subscribe@domain. Mailman (2.1 and 3): a mail to
    /// list-join@domain with "subscribe" as subject.
    /// </summary>
    public static MimeMessage Subscribe(ListSoftware software, MailboxAddress list, MailboxAddress subscriber)
    {
        var (local, domain) = Split(list.Address);
        var to = software == ListSoftware.Mlmmj ? $"{local}+subscribe@{domain}" : $"{local}-join@{domain}";
        var message = new MimeMessage();
        message.From.Add(subscriber);
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = "subscribe";
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(Split(subscriber.Address).Domain);
        message.Body = new TextPart("plain") { Text = "subscribe\n" };
        return message;
    }

    /// <summary>The list's conventional List-Id (RFC 2919): "devel@lists.example.org" → "devel.lists.example.org".</summary>
    public static string ConventionalListId(string listAddress)
    {
        var (local, domain) = Split(listAddress);
        return $"{local}.{domain}".ToLowerInvariant();
    }

    /// <summary>
    /// The answer to a confirmation mail from this list, or null when the mail is not one.
    /// mlmmj: Reply-To (or From) list+confsub-COOKIE@domain; any reply to it confirms.
    /// Mailman 3: list-confirm+TOKEN@domain; Mailman 2.1: list-request@domain with subject
    /// "confirm TOKEN". Both take a reply whose subject is "confirm TOKEN".
    /// </summary>
    public static MimeMessage? ConfirmationAnswer(ListSoftware software, MailboxAddress list, MailboxAddress subscriber, MimeMessage mail)
    {
        var (local, domain) = Split(list.Address);
        var candidates = mail.ReplyTo.Mailboxes.Concat(mail.From.Mailboxes).ToList();
        MailboxAddress? to = null;
        string subject;
        if (software == ListSoftware.Mlmmj)
        {
            to = candidates.FirstOrDefault(a => a.Address.StartsWith(local + "+confsub-", StringComparison.OrdinalIgnoreCase) &&
                a.Address.EndsWith("@" + domain, StringComparison.OrdinalIgnoreCase));
            subject = "Re: " + mail.Subject;
        }
        else
        {
            var confirm = candidates.FirstOrDefault(a => a.Address.StartsWith(local + "-confirm+", StringComparison.OrdinalIgnoreCase) &&
                a.Address.EndsWith("@" + domain, StringComparison.OrdinalIgnoreCase));
            string? token = null;
            if (confirm is not null)
            {
                to = confirm;
                var at = confirm.Address.LastIndexOf('@');
                token = confirm.Address[(local.Length + "-confirm+".Length)..at];
            }
            else if (mail.Subject is { } s && s.Trim().StartsWith("confirm ", StringComparison.OrdinalIgnoreCase))
            {
                to = candidates.FirstOrDefault(a => a.Address.Equals($"{local}-request@{domain}", StringComparison.OrdinalIgnoreCase));
                token = s.Trim()["confirm ".Length..].Trim();
            }
            if (to is null || string.IsNullOrEmpty(token))
                return null;
            subject = "confirm " + token;
        }
        if (to is null)
            return null;
        var answer = new MimeMessage();
        answer.From.Add(subscriber);
        answer.To.Add(new MailboxAddress(null, to.Address));
        answer.Subject = subject;
        answer.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(Split(subscriber.Address).Domain);
        if (!string.IsNullOrEmpty(mail.MessageId))
        {
            answer.InReplyTo = mail.MessageId;
            answer.References.Add(mail.MessageId);
        }
        answer.Body = new TextPart("plain") { Text = "Yes, subscribe " + subscriber.Address + ".\n" };
        return answer;
    }

    static (string Local, string Domain) Split(string address)
    {
        var at = address.LastIndexOf('@');
        return at < 0 ? (address, "") : (address[..at], address[(at + 1)..]);
    }
}
