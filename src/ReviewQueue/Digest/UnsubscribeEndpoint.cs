using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReviewQueue.Storage;
using ReviewQueue.Web;

namespace ReviewQueue.Digest;

/// <summary>
/// RFC 8058 one-click unsubscribe: a mail client POSTs List-Unsubscribe=One-Click to the URL in
/// the digest's List-Unsubscribe header. A GET (a person following the link) only shows a button,
/// because link checkers and previews fetch URLs without meaning to unsubscribe. A link already used
/// (a double click, a mail client's retry) or never given out is answered as done, not as an error:
/// nothing is sent through it either way.
/// </summary>
public static class UnsubscribeEndpoint
{
    const string NotSubscribed = "This link is not subscribed to ReviewQueue digests (it was unsubscribed already, or never was): " +
        "no digests are sent through it.\n";

    public static IEndpointRouteBuilder MapUnsubscribe(this IEndpointRouteBuilder app)
    {
        app.MapPost("/unsubscribe/{token}", async (string token, DigestStore store, TimeProvider time, CancellationToken ct) =>
            Results.Text(await store.UnsubscribeByTokenAsync(token, time.GetUtcNow(), ct)
                ? "Unsubscribed: no more ReviewQueue digests will be sent to this address.\n"
                : NotSubscribed));
        // As every page: no script runs, and the form may post only to here.
        app.MapRead("/unsubscribe/{token}", async (string token, DigestStore store, CancellationToken ct) => Html.Result(
            await store.FindByTokenAsync(token, ct) is null
                ? $"<!DOCTYPE html><html><body><p>{NotSubscribed}</p></body></html>\n"
                : "<!DOCTYPE html><html><body><form method=\"post\"><p>Stop ReviewQueue digests to this address?</p>" +
                  "<button type=\"submit\">Unsubscribe</button></form></body></html>\n"));
        return app;
    }
}
