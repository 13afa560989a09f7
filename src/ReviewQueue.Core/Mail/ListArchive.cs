namespace ReviewQueue.Core.Mail;

/// <summary>
/// Where the list's mail can be read by Message-ID: the base the id is appended to (lore's https://lore.kernel.org/r/, a
/// public-inbox's https://inbox.example.org/LIST/). Without one (a private list) nothing links to mail.
/// </summary>
/// <param name="Base">The base URL; null or empty: no archive.</param>
public sealed record ListArchive(string? Base)
{
    /// <summary>lore.kernel.org's by-Message-ID address, b4's default link mask (https://lore.kernel.org/r/%s).</summary>
    public const string Lore = "https://lore.kernel.org/r/";

    public bool Exists => !string.IsNullOrEmpty(Base);

    /// <summary>A link for a page or a digest: the id escaped as one path segment, its '@' kept as lore writes it; null without an archive.</summary>
    public string? Link(string messageId) => Exists ? Prefix + Uri.EscapeDataString(messageId).Replace("%40", "@") : null;

    /// <summary>
    /// The value of a commit's "Link:" trailer, as b4 am -l writes it (link mask % msgid): the id as it is, so with the
    /// default the line is byte for byte b4's. Null without an archive.
    /// </summary>
    public string? Trailer(string messageId) => Exists ? Prefix + messageId : null;

    string Prefix => Base!.EndsWith('/') ? Base : Base + "/";
}
