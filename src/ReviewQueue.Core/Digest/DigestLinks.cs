using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Digest;

/// <summary>Where a digest's links point; the host builds this from its configuration.</summary>
/// <param name="Dashboard">Base URL of the dashboard, without a trailing slash.</param>
/// <param name="Unsubscribe">
/// The one-click (RFC 8058) URL for this subscription: a POST to it ends the subscription. It is the only way offered,
/// as nothing reads mail sent back to the digest's sender.
/// </param>
/// <param name="Archive">
/// Where the list's mail can be read by Message-ID (see <see cref="ListArchive"/>); null or empty: the digest links to
/// no archive (a private list has none that its readers could open).
/// </param>
public sealed record DigestLinks(string Dashboard, string Unsubscribe, string? Archive = ListArchive.Lore)
{
    /// <summary>The mail in the archive, or null when there is none.</summary>
    public string? Mail(string messageId) => new ListArchive(Archive).Link(messageId);

    public string Series(string topicId) => Dashboard.TrimEnd('/') + "/series/" + Uri.EscapeDataString(topicId);

    /// <summary>The section's page, where every series waiting in it is listed; a part per '/', as the dashboard routes "ARM/SOC".</summary>
    public string Subsystem(string name) =>
        Dashboard.TrimEnd('/') + "/subsystems/" + string.Join('/', name.Split('/').Select(Uri.EscapeDataString));
}
