using System.Text.RegularExpressions;
using MimeKit;

namespace ReviewQueue.Core.Mail;

/// <summary>
/// The person behind a mail that the B4 Relay (kernel.org's web submission endpoint) sent in their name. It cannot
/// send as the author under DMARC, so it writes "Name via B4 Relay &lt;devnull+user.domain@kernel.org&gt;" in From and
/// keeps the author in X-Original-From (and Reply-To); a patch also gets an in-body From: line, so git am credits the
/// author, while a cover letter has none. b4 takes X-Original-From as the sender once the relay's signature checks
/// out. We check what a mail can show without keys: From is the relay's own address, and it names the same person
/// (the address with '@' as '.'). Anyone else's X-Original-From is a header anyone can write, and is not believed:
/// otherwise "From: Ada via anything &lt;ada@…&gt;" with X-Original-From a maintainer would give reviews in their name.
/// </summary>
public static partial class RelayedFrom
{
    public const string OriginalFromHeader = "X-Original-From";

    /// <summary>The first From mailbox, or X-Original-From's where From is the B4 Relay's address for that person; null when neither reads.</summary>
    public static MailboxAddress? Sender(MimeMessage message)
    {
        var from = message.From.Mailboxes.FirstOrDefault();
        if (from is null || RelayToken(from) is not { } token)
            return from;
        return Original(message) is { } original && string.Equals(original.Address.Replace('@', '.'), token, StringComparison.OrdinalIgnoreCase)
            ? original
            : from;
    }

    /// <summary>The person part of a B4 Relay address ("user.domain" in devnull+user.domain@kernel.org), or null.</summary>
    static string? RelayToken(MailboxAddress from) => Devnull().Match(from.Address ?? "") is { Success: true } m ? m.Groups[1].Value : null;

    static MailboxAddress? Original(MimeMessage message)
    {
        // The raw bytes, as From is parsed: encoded words and quoted names are the address parser's to read.
        var header = message.Headers.FirstOrDefault(h => h.Field.Equals(OriginalFromHeader, StringComparison.OrdinalIgnoreCase));
        if (header is null || !InternetAddressList.TryParse(ParserOptions.Default, header.RawValue, out var list))
            return null;
        return list.Mailboxes.FirstOrDefault(m => !string.IsNullOrWhiteSpace(m.Address));
    }

    [GeneratedRegex(@"^devnull\+(.+)@kernel\.org$", RegexOptions.IgnoreCase)]
    private static partial Regex Devnull();
}
