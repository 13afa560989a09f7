using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewQueue.Commands;
using ReviewQueue.Configuration;
using ReviewQueue.IntegrationTests.MailStack;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Web;

/// <summary>
/// ASP.NET Core's own "Kestrel" section (endpoints, certificates, limits) is read by `run`'s web host as an
/// ASP.NET Core operator expects, and never contradicts Web:Urls without a word.
/// </summary>
public sealed class KestrelSectionTests
{
    static string Config(TempDir dir, string more) => $$"""
        { "Ledger": { "Database": "{{dir.File("l.db")}}" }, "Samples": { "Mail": [] }, {{more}} }
        """;

    [Fact]
    public async Task KestrelEndpointsInTheConfigFileAreWhereRunListens()
    {
        using var dir = new TempDir();
        var url = $"http://127.0.0.1:{MailPrograms.FreePort()}";
        File.WriteAllText(dir.File("rq.json"), Config(dir, $$"""
            "Kestrel": { "Endpoints": { "Http": { "Url": "{{url}}" } } }
            """));
        var error = new StringWriter();
        var app = RunCommand.Build(dir.File("rq.json"), null, error);
        Assert.True(app is not null, error.ToString());
        await using (app)
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
            using var http = new HttpClient();
            Assert.Equal("ok", await http.GetStringAsync(url + "/healthz", TestContext.Current.CancellationToken));
            // What reads Web:Urls (the digest's dashboard links) sees where Kestrel listens, not the default.
            Assert.Equal(url, app.Services.GetRequiredService<IOptions<WebOptions>>().Value.Urls);
            await app.StopAsync(TestContext.Current.CancellationToken);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void KestrelLimitsInTheConfigFileReachTheServerOptions()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("rq.json"), Config(dir, """
            "Kestrel": { "Limits": { "MaxRequestBodySize": 1234, "MaxConcurrentConnections": 7 }, "AddServerHeader": false }
            """));
        var error = new StringWriter();
        var app = RunCommand.Build(dir.File("rq.json"), null, error);
        Assert.True(app is not null, error.ToString());
        var kestrel = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;
        Assert.Equal(1234, kestrel.Limits.MaxRequestBodySize);
        Assert.Equal(7, kestrel.Limits.MaxConcurrentConnections);
        Assert.False(kestrel.AddServerHeader);
    }

    [Fact]
    public void WebUrlsAndKestrelEndpointsGivenTogetherStopTheStartNamingBoth()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("rq.json"), Config(dir, """
            "Web": { "Urls": "http://127.0.0.1:5091" }, "Kestrel": { "Endpoints": { "Http": { "Url": "http://127.0.0.1:5092" } } }
            """));
        var error = new StringWriter();
        Assert.Null(RunCommand.Build(dir.File("rq.json"), null, error));
        Assert.Contains("Web:Urls and Kestrel:Endpoints both say where `run` listens", error.ToString());
    }

    // Named by its own key and file: it was said as Web:Urls "set in" the shipped appsettings.json, which the operator did not touch.
    [Fact]
    public void AKestrelEndpointUrlThatIsNoUrlIsNamedByItsOwnKey()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("rq.json"), Config(dir, """
            "Kestrel": { "Endpoints": { "Http": { "Url": "127.0.0.1:8080" } } }
            """));
        var error = new StringWriter();
        Assert.Null(RunCommand.Build(dir.File("rq.json"), null, error));
        Assert.Contains($"Kestrel:Endpoints:Http:Url is not an http(s) URL: 127.0.0.1:8080 (set in {dir.File("rq.json")})", error.ToString());
        Assert.DoesNotContain("Web:Urls", error.ToString());
    }

    // It stopped the start with an unhandled exception and exit 1, as a program fault, instead of 78 naming the key.
    [Fact]
    public void AKestrelLimitThatDoesNotConvertStopsTheStartNamingIt()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("rq.json"), Config(dir, """
            "Kestrel": { "Limits": { "MaxRequestBodySize": "10MB" } }
            """));
        var error = new StringWriter();
        Assert.Null(RunCommand.Build(dir.File("rq.json"), null, error));
        Assert.Contains("Kestrel:Limits:MaxRequestBodySize: '10MB' is not a whole number", error.ToString());
        Assert.Contains($"(set in {dir.File("rq.json")})", error.ToString());
    }

    [Fact]
    public void KestrelVariablesInTheEnvironmentAreNotTakenForATypo()
    {
        var environment = new Dictionary<string, string>
        {
            ["Kestrel__Endpoints__Http__Url"] = "http://0.0.0.0:8080",
            ["Kestrel__Certificates__Default__Path"] = "/etc/rq/cert.pem",
        };
        Assert.Empty(KnownSections.CheckEnvironment(environment));
        Assert.True(KnownSections.IsKnown("Kestrel"));
    }
}
