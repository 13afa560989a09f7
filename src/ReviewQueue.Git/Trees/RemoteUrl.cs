namespace ReviewQueue.Git.Trees;

/// <summary>A watched tree's remote URL as it may be shown: in errors, logs and listings.</summary>
public static class RemoteUrl
{
    /// <summary>
    /// The URL without its user information (https://user:secret@host/x → https://host/x): a password, or a token
    /// given as the user name (https://TOKEN@github.com/…), must never reach a terminal or a log. Anything without
    /// "scheme://" (a local path, scp-like user@host:path, where the user is an ssh login and no secret) is kept.
    /// </summary>
    public static string Shown(string url)
    {
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
            return url;
        int start = scheme + 3;
        int end = url.IndexOfAny(['/', '?', '#'], start);
        if (end < 0)
            end = url.Length;
        // The last '@' ends the user information: a password may hold an '@' of its own when not %-escaped.
        int at = url.LastIndexOf('@', end - 1, end - start);
        return at < 0 ? url : url[..start] + url[(at + 1)..];
    }

    /// <summary>libgit2's reason with the URL in it, should it hold one, shown as <see cref="Shown"/> shows it.</summary>
    public static string Scrubbed(string reason, string url) => reason.Replace(url, Shown(url), StringComparison.Ordinal);
}
