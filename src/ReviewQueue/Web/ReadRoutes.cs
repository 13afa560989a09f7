using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ReviewQueue.Web;

/// <summary>How the read-only addresses are mapped: GET and HEAD alike.</summary>
public static class ReadRoutes
{
    /// <summary>
    /// HEAD is GET without the body (RFC 9110 9.3.2: every general-purpose server supports both); monitors and `curl -I`
    /// send it. The handler runs as for GET and Kestrel leaves out what it writes, keeping the headers.
    /// </summary>
    public static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head];

    public static RouteHandlerBuilder MapRead(this IEndpointRouteBuilder app, string pattern, Delegate handler) =>
        app.MapMethods(pattern, Methods, handler);
}
