using Microsoft.AspNetCore.Http;

namespace ReviewQueue.Web;

/// <summary>
/// The dashboard's own addresses as a page links them, under the path base the request came in by (Web:PathBase behind a
/// reverse proxy, empty at the root), so a page served at /reviewqueue/ links within /reviewqueue/.
/// </summary>
public sealed record SiteLinks(string Root)
{
    public static readonly SiteLinks AtRoot = new("");

    public static SiteLinks Of(HttpContext context) => new(context.Request.PathBase.ToUriComponent());

    public string Home => Root + "/";

    public string People => Root + "/people";

    public string Api => Root + "/api/backlog";

    /// <summary>A path segment per '/' part, so section names like "ARM/SOC" route back to themselves.</summary>
    public string Subsystem(string name) => Root + "/subsystems/" + string.Join('/', name.Split('/').Select(Uri.EscapeDataString));

    public string Series(string topicId) => Root + "/series/" + Uri.EscapeDataString(topicId);

    public string ApiSeries(string topicId) => Root + "/api/series/" + Uri.EscapeDataString(topicId);
}
