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
            var line = Line(raw, at, out int next);
            if (line.IsEmpty)
                return null; // the end of the headers
            if (line.Length > 9 && Ascii.EqualsIgnoreCase(line[..9], "Received:"u8))
            {
                var value = new StringBuilder(Encoding.Latin1.GetString(line[9..]));
                // Folded lines go on with a space or tab.
                while (next < raw.Length && raw[next] is (byte)' ' or (byte)'\t')
                    value.Append(' ').Append(Encoding.Latin1.GetString(Line(raw, next, out next)));
                var text = value.ToString();
                int semicolon = text.LastIndexOf(';');
                if (semicolon >= 0 && MailDate.TryParse(text[(semicolon + 1)..].Trim(), out var date))
                    return date;
            }
            at = next;
        }
        return null;
    }

    /// <summary>The line at <paramref name="at"/> without its CR LF or LF; <paramref name="next"/> is where the next one starts.</summary>
    static ReadOnlySpan<byte> Line(ReadOnlySpan<byte> raw, int at, out int next)
    {
        int end = raw[at..].IndexOf((byte)'\n');
        next = end < 0 ? raw.Length : at + end + 1;
        var line = raw[at..(end < 0 ? raw.Length : at + end)];
        return line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
    }
}
