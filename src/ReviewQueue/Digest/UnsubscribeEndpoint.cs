using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReviewQueue.Storage;

namespace ReviewQueue.Digest;

/// <summary>
/// RFC 8058 one-click unsubscribe: a mail client POSTs List-Unsubscribe=One-Click to the URL in
/// the digest's List-Unsubscribe header. A GET (a person following the link) only shows a button,
/// because link checkers and previews fetch URLs without meaning to unsubscribe.
/// </summary>
public static class UnsubscribeEndpoint
{
    public static IEndpointRouteBuilder MapUnsubscribe(this IEndpointRouteBuilder app)
    {
        app.MapPost("/unsubscribe/{token}", async (string token, DigestStore store, TimeProvider time, CancellationToken ct) =>
            await store.UnsubscribeByTokenAsync(token, time.GetUtcNow(), ct)
                ? Results.Text("Unsubscribed: no more ReviewQueue digests will be sent to this address.\n")
                : Results.NotFound("No subscription has this link (it may have ended already).\n"));
        app.MapGet("/unsubscribe/{token}", (string token) => Results.Content(
            "<!DOCTYPE html><html><body><form method=\"post\"><p>Stop ReviewQueue digests to this address?</p>" +
            "<button type=\"submit\">Unsubscribe</button></form></body></html>\n", "text/html; charset=utf-8"));
        return app;
    }
}
