namespace ReviewQueue.Configuration;

/// <summary>"Digest": how review digests are linked and where they go without SMTP.</summary>
public sealed class DigestOptions : ISectionOptions
{
    public static string Section => "Digest";

    /// <summary>Digests are written here as .eml files when Smtp:Host is empty.</summary>
    public string Outbox { get; set; } = "data/outbox";

    /// <summary>The dashboard's public base URL for links in digests; empty: the first of Web:Urls.</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>
    /// The list archive each series links to, the Message-ID appended (lore's form, which public-inbox serves too); empty:
    /// no archive link (a private list, whose mail no archive shows).
    /// </summary>
    public string ArchiveUrl { get; set; } = Core.Digest.DigestLinks.Lore;

    /// <summary>How often `run` looks for due digests and retries failed ones.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Outbox))
            yield return "Digest:Outbox is missing: a folder for digests when Smtp:Host is empty";
        if (!string.IsNullOrWhiteSpace(DashboardUrl) &&
            (!Uri.TryCreate(DashboardUrl, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")))
            yield return $"Digest:DashboardUrl is not an http(s) URL: {DashboardUrl}";
        if (!string.IsNullOrEmpty(ArchiveUrl) &&
            (!Uri.TryCreate(ArchiveUrl, UriKind.Absolute, out var a) || a.Scheme is not ("http" or "https") || a.Query != "" || a.Fragment != ""))
            yield return $"Digest:ArchiveUrl is not an http(s) URL to append a Message-ID to (empty for no archive link): {ArchiveUrl}";
        if (CheckInterval < TimeSpan.FromSeconds(1))
            yield return $"Digest:CheckInterval must be at least 00:00:01 (is {CheckInterval})";
    }
}
