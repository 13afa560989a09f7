namespace ReviewQueue.Git.Trees;

/// <summary>
/// The message ids a commit names: "Link: https://patch.msgid.link/ID" (b4), "Link:
/// https://lore.kernel.org/r/ID" or ".../LIST/ID/" (or any archive's ".../ID"), and "Message-Id: &lt;ID&gt;" (git am --message-id).
/// </summary>
public static class CommitTrailers
{
    public static IReadOnlyList<string> LinkedMessageIds(string message)
    {
        var ids = new List<string>();
        foreach (var raw in message.Split('\n'))
        {
            var line = raw.Trim();
            string? id = null;
            if (line.StartsWith("Link:", StringComparison.OrdinalIgnoreCase))
                id = FromUrl(line[5..].Trim());
            else if (line.StartsWith("Message-Id:", StringComparison.OrdinalIgnoreCase))
                id = line[11..].Trim().Trim('<', '>').Trim();
            if (!string.IsNullOrEmpty(id) && id.Contains('@') && !ids.Contains(id))
                ids.Add(id);
        }
        return ids;
    }

    static string? FromUrl(string value)
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
}
