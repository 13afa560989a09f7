using System.Text.RegularExpressions;
using MimeKit;

namespace ReviewQueue.Core.Mail;

/// <summary>
/// The person behind a mail that a relay sent in their name. The B4 Relay (web submission endpoint) cannot send
/// as the author under DMARC, so it writes "Name via B4 Relay &lt;devnull+user.domain@kernel.org&gt;" in From and
/// keeps the author in X-Original-From (and Reply-To); a patch also gets an in-body From: line, so git am credits the
/// author, while a cover letter has none. b4 takes X-Original-From as the sender (for thanks and attestation);
/// Google Groups rewrite From the same way ("'Name' via list").
/// </summary>
public static partial class RelayedFrom
{
    public const string OriginalFromHeader = "X-Original-From";

    /// <summary>The first From mailbox, or X-Original-From's where From names a relay ("… via …"); null when neither reads.</summary>
    public static MailboxAddress? Sender(MimeMessage message)
    {
        var from = message.From.Mailboxes.FirstOrDefault();
        if (from is null || !IsRelay(from))
            return from;
        return Original(message) ?? from;
    }

    /// <summary>A From a relay wrote: its display name says "via" the service.</summary>
    public static bool IsRelay(MailboxAddress from) => from.Name is { } name && Via().IsMatch(name);

    static MailboxAddress? Original(MimeMessage message)
    {
        // The raw bytes, as From is parsed: encoded words and quoted names are the address parser's to read.
        var header = message.Headers.FirstOrDefault(h => h.Field.Equals(OriginalFromHeader, StringComparison.OrdinalIgnoreCase));
        if (header is null || !InternetAddressList.TryParse(ParserOptions.Default, header.RawValue, out var list))
            return null;
        return list.Mailboxes.FirstOrDefault(m => !string.IsNullOrWhiteSpace(m.Address));
    }

    [GeneratedRegex(@"\S\s+via\s+\S", RegexOptions.IgnoreCase)]
    private static partial Regex Via();
}
