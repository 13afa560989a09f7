using System.Net;

namespace ReviewQueue.IntegrationTests.Web;

/// <summary>
/// The dashboard behind Debian's nginx under /reviewqueue/ (README "Behind a reverse proxy"): what a reader's browser
/// follows, the one-click unsubscribe POST and the redirects go through the proxy and stay under the prefix.
/// </summary>
public sealed class NginxPathBaseTests(PrefixedDashboardHost host) : IClassFixture<PrefixedDashboardHost>
{
    [Fact]
    public async Task ThroughNginxEveryLinkOfTheOverviewAndTheUnsubscribeFormWork()
    {
        NginxProxy.Require();
        await using var nginx = new NginxProxy();
        await nginx.StartAsync(host.BaseUrl);
        var ct = TestContext.Current.CancellationToken;
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var overview = await client.GetStringAsync(nginx.BaseUrl + "/reviewqueue/", ct);
        var links = PathBaseTests.Links(overview).Where(l => !l.StartsWith("https://", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Contains("/reviewqueue/people", links);
        foreach (var link in links)
        {
            Assert.StartsWith("/reviewqueue/", link);
            using var r = await client.GetAsync(nginx.BaseUrl + link, ct);
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{link}: {(int)r.StatusCode}");
        }

        using (var redirect = await client.GetAsync(nginx.BaseUrl + "/reviewqueue/subsystems", ct))
            Assert.Equal((HttpStatusCode.Found, "/reviewqueue/"), (redirect.StatusCode, redirect.Headers.Location?.OriginalString));
        // The root is served too, with its own links.
        Assert.Contains("href=\"/people\"", await client.GetStringAsync(nginx.BaseUrl + "/", ct));

        var subscribe = host.Cli("digest", "subscribe", "proxied@example.org");
        Assert.True(subscribe.ExitCode == 0, subscribe.Stderr);
        var token = Token("proxied@example.org");
        var page = await client.GetStringAsync(nginx.BaseUrl + "/reviewqueue/unsubscribe/" + token, ct);
        Assert.Contains("<form method=\"post\">", page); // posts back to the address it was shown at, prefix and all
        using var post = await client.PostAsync(nginx.BaseUrl + "/reviewqueue/unsubscribe/" + token,
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), ct);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.StartsWith("Unsubscribed", await post.Content.ReadAsStringAsync(ct));
    }

    string Token(string address)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={host.Database}");
        c.Open();
        using var q = c.CreateCommand();
        q.CommandText = "SELECT token FROM digest_subscriptions WHERE address = $a";
        q.Parameters.AddWithValue("$a", address);
        return (string)q.ExecuteScalar()!;
    }
}
