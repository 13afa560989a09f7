using System.Text;

namespace ReviewQueue.Core.Mail;

/// <summary>
/// When the mail reached the last server that stamped it: the date after the last ';' of the topmost Received
/// header that has a readable one (the list server's or the archive's), as public-inbox's msg_timestamp reads it.
/// A sender's Date can be anything (2085, 1970, "$(date -R)"); a server's clock rarely is.
/// </summary>
public static class ReceivedHeader
{
    /// <summary>The newest Received header's time, or null when no Received header has a readable date.</summary>
    public static DateTimeOffset? Newest(ReadOnlySpan<byte> raw)
    {
        int at = 0;
        while (at < raw.Length)
        {
            int next = NextLine(raw, at);
            if (raw[at] is (byte)'\n' or (byte)'\r')
                return null; // the end of the headers
            if (next - at > 9 && Ascii.EqualsIgnoreCase(raw.Slice(at, 9), "Received:"u8))
            {
                // Folded lines go on with a space or tab: the header ends where a line does not.
                int end = next;
                while (end < raw.Length && raw[end] is (byte)' ' or (byte)'\t')
                    end = NextLine(raw, end);
                // Only the date after the last ';' is read, not the whole header (one per mail of an import).
                var header = raw[(at + 9)..end];
                int semicolon = header.LastIndexOf((byte)';');
                if (semicolon >= 0 && MailDate.TryParse(Unfolded(header[(semicolon + 1)..]), out var date))
                    return date;
                next = end;
            }
            at = next;
        }
        return null;
    }

    static int NextLine(ReadOnlySpan<byte> raw, int at)
    {
        int end = raw[at..].IndexOf((byte)'\n');
        return end < 0 ? raw.Length : at + end + 1;
    }

    static string Unfolded(ReadOnlySpan<byte> value)
    {
        var text = Encoding.Latin1.GetString(value);
        return (text.AsSpan().ContainsAny('\r', '\n') ? text.Replace("\r", "").Replace('\n', ' ') : text).Trim();
    }
}
