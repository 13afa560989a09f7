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
public class DashboardHost : IAsyncLifetime
{
    public TempDir Dir { get; } = new("rq-web");
    public string Database => Dir.File("ledger.db");
    public string Config => Dir.File("config.json");
    public string BaseUrl { get; private set; } = "";
    public HttpClient Http { get; } = new();
    WebApplication? app;

    /// <summary>The mail to import; the demo's own mbox when a subclass says so.</summary>
    public IReadOnlyList<string> Mail { get; private set; } = [];

    /// <summary>A MAINTAINERS file's text for the sections (none: every file is THE REST).</summary>
    protected virtual string? Maintainers => null;

    /// <summary>More top-level JSON members for the configuration file, each starting with a comma.</summary>
    protected virtual string MoreConfig => "";

    /// <summary>Web:PathBase, the prefix a reverse proxy serves the dashboard under; none by default.</summary>
    public virtual string? PathBase => null;

    /// <summary>The archive the dashboard is made of (DebtMail's by default).</summary>
    protected virtual string Mbox() => DebtMail.Mbox();

    public async ValueTask InitializeAsync()
    {
        var mbox = Dir.File("list.mbox");
        await File.WriteAllTextAsync(mbox, Mbox());
        Mail = [mbox];
        int port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var maintainers = "";
        if (Maintainers is { } text)
        {
            await File.WriteAllTextAsync(Dir.File("MAINTAINERS"), text);
            maintainers = $$""", "Maintainers": { "File": "{{Dir.File("MAINTAINERS")}}" }""";
        }
        await File.WriteAllTextAsync(Config, $$"""
            { "Web": { "Urls": "{{BaseUrl}}"{{(PathBase is null ? "" : $", \"PathBase\": \"{PathBase}\"")}} }, "Samples": { "Mail": [ "{{mbox}}" ] }, "Review": { "Seeds": "{{RepoPaths.Of("seeds")}}" }{{maintainers}}{{MoreConfig}} }
            """);
        var import = ReviewQueueProgram.Run(["--db", Database, "--config", Config, "import", mbox]);
        if (import.ExitCode != 0)
            throw new InvalidOperationException($"import failed ({import.ExitCode}): {import.Stderr}");
        BeforeRun();

        var errors = new StringWriter();
        app = RunCommand.Build(Config, Database, errors) ?? throw new InvalidOperationException("run did not start: " + errors);
        await app.StartAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>What a subclass does to the imported ledger before the service opens it (as an earlier build left it, say).</summary>
    protected virtual void BeforeRun()
    {
    }

    /// <summary>The CLI's stdout for the same ledger and configuration.</summary>
    public RunResult Cli(params string[] args) => ReviewQueueProgram.Run(["--db", Database, "--config", Config, .. args]);

    /// <summary>Status and body, whatever the status.</summary>
    public async Task<(int Status, string Body, string? ContentType)> GetAnyAsync(string path)
    {
        using var response = await Http.GetAsync(BaseUrl + path, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            response.Content.Headers.ContentType?.MediaType);
    }

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
