using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using ReviewQueue.Commands;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Web;

/// <summary>
/// The real service on a free port of 127.0.0.1 over a temporary ledger: mail imported with the
/// reviewqueue binary (a child process), then `run` built in-process with RunCommand.Build.
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    public TempDir Dir { get; } = new("rq-web");
    public string Database => Dir.File("ledger.db");
    public string Config => Dir.File("config.json");
    public string BaseUrl { get; private set; } = "";
    public HttpClient Http { get; } = new();
    WebApplication? app;

    /// <summary>The mail to import; the demo's own mbox when a subclass says so.</summary>
    public IReadOnlyList<string> Mail { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        var mbox = Dir.File("list.mbox");
        await File.WriteAllTextAsync(mbox, DebtMail.Mbox());
        Mail = [mbox];
        var import = ReviewQueueProgram.Run(["--db", Database, "import", mbox]);
        if (import.ExitCode != 0)
            throw new InvalidOperationException($"import failed ({import.ExitCode}): {import.Stderr}");

        int port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        await File.WriteAllTextAsync(Config, $$"""
            { "Web": { "Urls": "{{BaseUrl}}" }, "Samples": { "Mail": [ "{{mbox}}" ] }, "Review": { "Seeds": "{{RepoPaths.Of("seeds")}}" } }
            """);
        var errors = new StringWriter();
        app = RunCommand.Build(Config, Database, errors) ?? throw new InvalidOperationException("run did not start: " + errors);
        await app.StartAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The CLI's stdout for the same ledger and configuration.</summary>
    public RunResult Cli(params string[] args) => ReviewQueueProgram.Run(["--db", Database, "--config", Config, .. args]);

    public async Task<string> GetAsync(string path)
    {
        using var response = await Http.GetAsync(BaseUrl + path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        Http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Dir.Dispose();
    }
}
