namespace ReviewQueue.IntegrationTests.Web;

/// <summary>The overview is sent gzipped only to a client whose Accept-Encoding takes gzip (RFC 9110 12.5.3).</summary>
public sealed class ContentCodingTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    async Task<(string? Coding, string Vary, int Length)> OverviewAsync(string acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, host.BaseUrl + "/");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        return (response.Content.Headers.ContentEncoding.SingleOrDefault(), string.Join(",", response.Headers.Vary), body.Length);
    }

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("br;q=1.0, gzip;q=0.8, *;q=0.1", "gzip")]
    [InlineData("x-gzip", "gzip")]
    [InlineData("*", "gzip")]
    [InlineData("gzip;q=0", null)]        // "not acceptable": a proxy that cannot store gzip says so
    [InlineData("GZIP; Q=0.000", null)]
    [InlineData("*;q=0.5, gzip;q=0", null)]
    [InlineData("identity", null)]
    [InlineData("br, deflate", null)]
    [InlineData("", null)]
    public async Task TheOverviewIsGzippedOnlyWhereGzipIsAcceptable(string acceptEncoding, string? coding)
    {
        var (sent, vary, _) = await OverviewAsync(acceptEncoding);
        Assert.Equal(coding, sent);
        Assert.Equal("Accept-Encoding", vary);
    }
}
