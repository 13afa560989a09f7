using System.Text.RegularExpressions;

namespace ReviewQueue.IntegrationTests.Web;

/// <summary>The dashboard with Web:PathBase set, as a reverse proxy passes it on: under /reviewqueue/ and at the root.</summary>
public sealed class PrefixedDashboardHost : DashboardHost
{
    public override string? PathBase => "/reviewqueue";
}

/// <summary>
/// Served under a prefix (nginx's `location /reviewqueue/ { proxy_pass http://127.0.0.1:5080; }`), every link, form and
/// redirect stays under it: the pages linked to /series/ID and /people at the proxy's root, which is another site.
/// </summary>
public sealed partial class PathBaseTests(PrefixedDashboardHost host) : IClassFixture<PrefixedDashboardHost>
{
    [GeneratedRegex("(?:href|action)=\"([^\"]*)\"")]
    private static partial Regex Link();

    public static IEnumerable<string> Links(string html) =>
        Link().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value));

    async Task<string> FirstSeriesAsync()
    {
        var backlog = System.Text.Json.JsonDocument.Parse(await host.GetAsync("/api/backlog?subsystem=THE%20REST")).RootElement;
        return backlog.GetProperty("waiting")[0].GetProperty("topic_id").GetString()!;
    }

    [Fact]
    public async Task EveryLinkAndFormOfEveryPageStaysUnderThePrefixAndLeadsSomewhere()
    {
        var pages = new[] { "/", "/?as_of=2026-01-05", "/people", "/subsystems/THE%20REST", "/subsystems/THE%20REST?as_of=2026-01-05",
            "/series/" + await FirstSeriesAsync(), "/no-such-page", "/people?as_of=garbage" };
        var local = new HashSet<string>();
        foreach (var page in pages)
        {
            var (_, body, _) = await host.GetAnyAsync("/reviewqueue" + page);
            foreach (var link in Links(body).Where(l => !l.StartsWith("https://", StringComparison.Ordinal)))
            {
                Assert.True(link.StartsWith("/reviewqueue/", StringComparison.Ordinal), $"{page} links to {link}");
                local.Add(link);
            }
        }
        Assert.Contains("/reviewqueue/", local);
        Assert.Contains("/reviewqueue/people", local);
        Assert.Contains("/reviewqueue/api/backlog", local);
        Assert.Contains(local, l => l.StartsWith("/reviewqueue/series/", StringComparison.Ordinal));
        Assert.Contains(local, l => l.StartsWith("/reviewqueue/api/series/", StringComparison.Ordinal));
        foreach (var link in local)
            Assert.True((await host.GetAnyAsync(link)).Status == 200, link);
    }

    [Fact]
    public async Task ARedirectStaysUnderThePrefix()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        foreach (var (path, location) in new[] { ("/reviewqueue/subsystems", "/reviewqueue/"), ("/reviewqueue/subsystems/", "/reviewqueue/"), ("/subsystems", "/") })
        {
            using var r = await client.GetAsync(host.BaseUrl + path, TestContext.Current.CancellationToken);
            Assert.Equal((302, location), ((int)r.StatusCode, r.Headers.Location?.OriginalString));
        }
    }

    [Fact]
    public async Task AtTheRootThePagesLinkToTheRootAndTheApiIsTheSame()
    {
        var (status, overview, _) = await host.GetAnyAsync("/");
        Assert.Equal(200, status);
        Assert.All(Links(overview).Where(l => !l.StartsWith("https://", StringComparison.Ordinal)),
            l => Assert.False(l.StartsWith("/reviewqueue", StringComparison.Ordinal), l));
        // The overview is cached: the prefixed one is not served at the root, nor the root's under the prefix.
        Assert.Contains("href=\"/reviewqueue/people\"", (await host.GetAnyAsync("/reviewqueue/")).Body);
        Assert.Contains("href=\"/people\"", (await host.GetAnyAsync("/")).Body);
        Assert.Equal(await host.GetAsync("/api/backlog"), await host.GetAsync("/reviewqueue/api/backlog"));
        var miss = await host.GetAnyAsync("/reviewqueue/api/nothing");
        Assert.Equal((404, "application/json"), (miss.Status, miss.ContentType));
    }
}
