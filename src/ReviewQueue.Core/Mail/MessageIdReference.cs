namespace ReviewQueue.Core.Mail;

/// <summary>
/// A message as people name it: its Message-ID with or without angle brackets, notmuch's and b4's "id:ID", or a link
/// to it in a list archive (lore's /r/ID, /LIST/ID/T/#u, patch.msgid.link, a patchwork patch page), as a commit's
/// Link: trailer has it or a browser's address bar.
/// </summary>
public static class MessageIdReference
{
    /// <summary>
    /// The Message-ID <paramref name="text"/> names, as b4 reads its MSGID argument; text that is no link to a message
    /// (a topic id) as it is, trimmed; null when nothing is left.
    /// </summary>
    public static string? Read(string text)
    {
        var id = Unbracketed(text);
        if ((id.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || id.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            && FromLink(id) is { } linked && linked.Contains('@'))
            return linked;
        // b4 drops "id:" and any word before it ("rfc822msgid:", Gmail's search).
        int colon = id.IndexOf("id:", StringComparison.Ordinal);
        if (colon >= 0 && id[..colon].All(char.IsAsciiLetterOrDigit))
            id = Unbracketed(id[(colon + 3)..]);
        return id.Length == 0 ? null : id;
    }

    /// <summary>The message a link names, or null for a link to no path: the segment after /r/, the last one of
    /// msgid.link, else the last segment with an '@' (or the second, for an archive's /LIST/ID).</summary>
    public static string? FromLink(string value)
    {
        int space = value.IndexOf(' ');
        if (space > 0)
            value = value[..space];
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return null;
        var segments = uri.AbsolutePath.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(Uri.UnescapeDataString).ToList();
        // public-inbox views after the id: /T/, /t/, /raw, /#r …
        while (segments.Count > 0 && segments[^1] is "T" or "t" or "raw" or "t.mbox.gz" or "thread")
            segments.RemoveAt(segments.Count - 1);
        if (segments.Count == 0)
            return null;
        if (segments[0] == "r" && segments.Count >= 2)
            return segments[1];
        if (uri.Host.EndsWith("msgid.link", StringComparison.OrdinalIgnoreCase))
            return segments[^1];
        // Another archive's base (Archive:Url, which am --add-link writes) may be deeper than /LIST/: the id is the
        // segment with an '@', the last one that has it.
        if (segments.LastOrDefault(s => s.Contains('@')) is { } id)
            return id;
        return segments.Count >= 2 ? segments[1] : segments[0];
    }

    static string Unbracketed(string text) => text.Trim().TrimStart('<').TrimEnd('>').Trim();
}
