using System.Text.RegularExpressions;

namespace ReviewQueue.Configuration;

/// <summary>"Web": where `run` serves the dashboard and the JSON API (loopback by default).</summary>
public sealed partial class WebOptions : ISectionOptions
{
    public static string Section => "Web";

    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// The path prefix a reverse proxy serves the dashboard under (`/reviewqueue`), passed on with each request: the pages'
    /// links and redirects keep it. Empty: served at the root only.
    /// </summary>
    public string PathBase { get; set; } = "";

    // Plain path segments: what nginx's `location /reviewqueue/` names, and what needs no escaping in a link.
    [GeneratedRegex("^(/[A-Za-z0-9._~-]+)+$")]
    private static partial Regex PathPrefix();

    public IEnumerable<string> Validate()
    {
        foreach (var url in Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (!IsListenUrl(url))
                yield return $"Web:Urls has an entry that is not an http(s) URL: {url}";
        if (PathBase.Length > 0 && !PathPrefix().IsMatch(PathBase))
            yield return $"Web:PathBase is not a path prefix such as /reviewqueue (a '/' before each segment, none at the end; " +
                $"letters, digits, '.', '_', '~' and '-'): {PathBase}";
    }

    /// <summary>Whether Kestrel can listen on <paramref name="url"/>: http(s), with a host, * or + for every address.</summary>
    internal static bool IsListenUrl(string url) =>
        Uri.TryCreate(url.Replace("*", "0.0.0.0").Replace("+", "0.0.0.0"), UriKind.Absolute, out var u) && u.Scheme is "http" or "https";
}
