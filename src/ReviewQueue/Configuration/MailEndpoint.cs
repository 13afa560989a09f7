using MimeKit;

namespace ReviewQueue.Configuration;

/// <summary>
/// What the mail sections' hosts and addresses must look like to be used at all, checked at start: MailKit takes any
/// string and fails only when it first connects or sends (a host with a space throws UriFormatException then, and an
/// address without a domain goes out as MAIL FROM:&lt;nobody&gt;).
/// </summary>
public static class MailEndpoint
{
    /// <summary>A DNS name or an IPv4/IPv6 address, as a URI's host can hold it.</summary>
    public static bool IsHost(string host) =>
        host == host.Trim() && Uri.CheckHostName(host) != UriHostNameType.Unknown;

    /// <summary>One mailbox with a local part and a domain ("Name &lt;user@example.org&gt;" or "user@example.org").</summary>
    public static bool IsAddress(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !MailboxAddress.TryParse(text, out var mailbox))
            return false;
        int at = mailbox.Address.LastIndexOf('@');
        return at > 0 && at < mailbox.Address.Length - 1;
    }
}
