namespace ReviewQueue.Core.Digest;

/// <summary>Where a digest's links point; the host builds this from its configuration.</summary>
/// <param name="Dashboard">Base URL of the dashboard, without a trailing slash.</param>
/// <param name="Unsubscribe">
/// The one-click (RFC 8058) URL for this subscription: a POST to it ends the subscription. It is the only way offered,
/// as nothing reads mail sent back to the digest's sender.
/// </param>
/// <param name="Archive">
/// Where the list's mail can be read by Message-ID (the base before the id, as lore's https://lore.kernel.org/r/); null or
/// empty: the digest links to no archive (a private list has none that its readers could open).
/// </param>
public sealed record DigestLinks(string Dashboard, string Unsubscribe, string? Archive = DigestLinks.Lore)
{
    public const string Lore = "https://lore.kernel.org/r/";

    /// <summary>The mail in the archive, or null when there is none.</summary>
    public string? Mail(string messageId) => string.IsNullOrEmpty(Archive)
        ? null
        : (Archive.EndsWith('/') ? Archive : Archive + "/") + Uri.EscapeDataString(messageId).Replace("%40", "@");

    public string Series(string topicId) => Dashboard.TrimEnd('/') + "/series/" + Uri.EscapeDataString(topicId);
}
