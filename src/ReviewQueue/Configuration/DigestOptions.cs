namespace ReviewQueue.Configuration;

/// <summary>"Digest": how review digests are linked and where they go without SMTP.</summary>
public sealed class DigestOptions : ISectionOptions
{
    public static string Section => "Digest";

    /// <summary>Digests are written here as .eml files when Smtp:Host is empty.</summary>
    public string Outbox { get; set; } = "data/outbox";

    /// <summary>The dashboard's public base URL for links in digests; empty: the first of Web:Urls.</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>The older name of Archive:Url (see <see cref="ArchiveOptions"/>), still read; null: not set.</summary>
    public string? ArchiveUrl { get; set; }

    /// <summary>How often `run` looks for due digests and retries failed ones.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The most series a digest shows in one section (fixes, then the oldest); the section's heading still counts them all and
    /// a line links to the rest on the dashboard.
    /// </summary>
    public int SeriesPerSection { get; set; } = 20;

    /// <summary>
    /// The most series one digest shows in all, so a subscription to every section of a busy list stays a mail that a mail
    /// server takes (Postfix refuses one over 10 MB by default; a series is about 1.2 KB) and a person reads.
    /// </summary>
    public int SeriesPerDigest { get; set; } = 200;

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Outbox))
            yield return "Digest:Outbox is missing: a folder for digests when Smtp:Host is empty";
        if (!string.IsNullOrWhiteSpace(DashboardUrl) &&
            (!Uri.TryCreate(DashboardUrl, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")))
            yield return $"Digest:DashboardUrl is not an http(s) URL: {DashboardUrl}";
        if (ArchiveOptions.Problem(ArchiveOptions.OlderKey, ArchiveUrl) is { } archive)
            yield return archive;
        if (CheckInterval < TimeSpan.FromSeconds(1))
            yield return $"Digest:CheckInterval must be at least 00:00:01 (is {CheckInterval})";
        if (SeriesPerSection < 1)
            yield return $"Digest:SeriesPerSection must be at least 1 (is {SeriesPerSection})";
        if (SeriesPerDigest < 1)
            yield return $"Digest:SeriesPerDigest must be at least 1 (is {SeriesPerDigest})";
    }
}
