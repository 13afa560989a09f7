namespace ReviewQueue.Configuration;

/// <summary>"Web": where `run` serves the dashboard and the JSON API (loopback by default).</summary>
public sealed class WebOptions : ISectionOptions
{
    public static string Section => "Web";

    public string Urls { get; set; } = "http://127.0.0.1:5080";

    public IEnumerable<string> Validate()
    {
        foreach (var url in Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (!IsListenUrl(url))
                yield return $"Web:Urls has an entry that is not an http(s) URL: {url}";
    }

    /// <summary>Whether Kestrel can listen on <paramref name="url"/>: http(s), with a host, * or + for every address.</summary>
    internal static bool IsListenUrl(string url) =>
        Uri.TryCreate(url.Replace("*", "0.0.0.0").Replace("+", "0.0.0.0"), UriKind.Absolute, out var u) && u.Scheme is "http" or "https";
}
