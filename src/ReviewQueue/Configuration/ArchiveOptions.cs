using ReviewQueue.Core.Mail;

namespace ReviewQueue.Configuration;

/// <summary>
/// "Archive": where the list's mail can be read by Message-ID, for every link to a mail: the dashboard's, the digests',
/// and the Link: trailer of `am --add-link`. Digest:ArchiveUrl is its older name, still read.
/// </summary>
public sealed class ArchiveOptions : ISectionOptions
{
    public static string Section => "Archive";

    /// <summary>The older name of <see cref="Url"/>, which digests alone used to read.</summary>
    public const string OlderKey = "Digest:ArchiveUrl";

    /// <summary>
    /// The base the Message-ID is appended to (lore's form, which public-inbox serves too, e.g.
    /// https://inbox.example.org/LIST/); empty: no links to mail (a private list, whose mail no archive shows);
    /// null (not set): <see cref="OlderKey"/>, else lore.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>What <see cref="OlderKey"/> says (null: not set); ServiceSetup fills it in, the binder does not (a field).</summary>
    internal string? OlderUrl;

    public ListArchive Archive => new(Url ?? OlderUrl ?? ListArchive.Lore);

    public IEnumerable<string> Validate()
    {
        if (Problem($"{Section}:{nameof(Url)}", Url) is { } problem)
            yield return problem;
        // Two values for one setting: which one wins would be a guess the operator cannot see.
        if (Url is not null && OlderUrl is not null && Url.TrimEnd('/') != OlderUrl.TrimEnd('/'))
            yield return $"{Section}:{nameof(Url)} ({Shown(Url)}) and its older name {OlderKey} ({Shown(OlderUrl)}) are both set, " +
                $"differently: keep {Section}:{nameof(Url)} only";
    }

    /// <summary>What is wrong with an archive URL under <paramref name="key"/>; null when it is good, empty, or not set.</summary>
    public static string? Problem(string key, string? url) =>
        string.IsNullOrEmpty(url) ||
        (Uri.TryCreate(url, UriKind.Absolute, out var a) && a.Scheme is "http" or "https" && a.Query == "" && a.Fragment == "")
            ? null
            : $"{key} is not an http(s) URL to append a Message-ID to (empty for no archive link): {url}";

    static string Shown(string url) => url.Length == 0 ? "empty" : url;
}
