namespace ReviewQueue.Core.Digest;

/// <summary>Where a digest's links point; the host builds this from its configuration.</summary>
/// <param name="Dashboard">Base URL of the dashboard, without a trailing slash.</param>
/// <param name="Unsubscribe">
/// The one-click (RFC 8058) URL for this subscription: a POST to it ends the subscription. It is the only way offered,
/// as nothing reads mail sent back to the digest's sender.
/// </param>
public sealed record DigestLinks(string Dashboard, string Unsubscribe)
{
    public string Lore(string messageId) => "https://lore.kernel.org/r/" + Uri.EscapeDataString(messageId).Replace("%40", "@");

    public string Series(string topicId) => Dashboard.TrimEnd('/') + "/series/" + Uri.EscapeDataString(topicId);
}
