using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReviewQueue.Commands;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Workers;

/// <summary>How `run` ends: a supervisor restarts a service that failed, not one that was asked to stop.</summary>
public sealed class RunExitCodeTests
{
    [Fact]
    public async Task AWorkerThatFailsStopsTheServiceWithExitCodeOneAndSaysWhichAndWhy()
    {
        using var dir = new TempDir();
        var config = dir.File("rq.json");
        File.WriteAllText(config, $$"""
            { "Ledger": { "Database": "{{dir.File("l.db")}}" }, "Samples": { "Mail": [""] }, "Web": { "Urls": "http://127.0.0.1:0" } }
            """);
        var error = new StringWriter();
        await using var app = RunCommand.Build(config, null, error, b => b.Services.AddHostedService<FailingWorker>())
            ?? throw new InvalidOperationException(error.ToString());

        var code = await RunCommand.ServeAsync(app, TextWriter.Null, error, TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("stopped because FailingWorker failed: UriFormatException: Invalid URI", error.ToString());
    }

    [Fact]
    public async Task AServiceAskedToStopEndsWithExitCodeZero()
    {
        using var dir = new TempDir();
        var config = dir.File("rq.json");
        File.WriteAllText(config, $$"""
            { "Ledger": { "Database": "{{dir.File("l.db")}}" }, "Samples": { "Mail": [""] }, "Web": { "Urls": "http://127.0.0.1:0" } }
            """);
        var error = new StringWriter();
        await using var app = RunCommand.Build(config, null, error) ?? throw new InvalidOperationException(error.ToString());
        var serving = RunCommand.ServeAsync(app, TextWriter.Null, error, TestContext.Current.CancellationToken);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        Assert.Equal(ExitCodes.Ok, await serving.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public async Task ASecondServiceOnTheSameLedgerRefusesToStartWithExitCode75()
    {
        using var dir = new TempDir();
        var config = dir.File("rq.json");
        File.WriteAllText(config, $$"""
            { "Ledger": { "Database": "{{dir.File("l.db")}}" }, "Samples": { "Mail": [""] }, "Web": { "Urls": "http://127.0.0.1:0" } }
            """);
        var error = new StringWriter();
        await using var first = RunCommand.Build(config, null, error) ?? throw new InvalidOperationException(error.ToString());
        var serving = RunCommand.ServeAsync(first, TextWriter.Null, error, TestContext.Current.CancellationToken);
        var lockFile = dir.File("l.db") + ".service-lock";
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!File.Exists(lockFile))
        {
            Assert.True(DateTime.UtcNow < until, "the first service never took its lock");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var refused = new StringWriter();
        await using var second = RunCommand.Build(config, null, refused) ?? throw new InvalidOperationException(refused.ToString());
        var code = await RunCommand.ServeAsync(second, TextWriter.Null, refused, TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.TempFail, code);
        Assert.Contains($"another `reviewqueue run` already serves {dir.File("l.db")}", refused.ToString());
        Assert.False(serving.IsCompleted); // the first one goes on serving
        first.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        Assert.Equal(ExitCodes.Ok, await serving.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void ALedgerTheServiceMayNotWriteIsSaidInOneLineWithExitCode75()
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", "-"], MailText.Bytes(MailText.Message(1, "owner@example.org"))).ExitCode);
        var config = dir.File("rq.json");
        File.WriteAllText(config, """{ "Samples": { "Mail": [""] }, "Web": { "Urls": "http://127.0.0.1:0" } }""");
        RunResult run;
        if (Environment.UserName == "root")
        {
            // root writes any file: start the service as nobody, another user than the ledger's owner.
            Directory.CreateDirectory(dir.File("home"));
            TestSupport.Run.Program("chmod", ["755", dir.Path]);
            TestSupport.Run.Program("chmod", ["644", config]);
            run = TestSupport.Run.Program("runuser", ["-u", "nobody", "--", "env", "HOME=" + dir.File("home"), "DOTNET_NOLOGO=1",
                "REVIEWQUEUE_JIT_PROFILES=", "dotnet", ReviewQueueProgram.Dll, "--config", config, "--db", db, "run"], timeout: TimeSpan.FromSeconds(60));
        }
        else
        {
            TestSupport.Run.Program("chmod", ["444", db]);
            run = ReviewQueueProgram.Run(["--config", config, "--db", db, "run"]);
        }

        Assert.True(run.ExitCode == ExitCodes.TempFail, $"exit {run.ExitCode}: {run.Stdout} {run.Stderr}");
        Assert.Contains($"reviewqueue: run: cannot open the ledger {db} for writing: SQLite Error 8", run.Stderr);
        Assert.DoesNotContain("Unhandled exception", run.Stderr);
    }

    [Fact]
    public void AnAddressAnotherProgramListensOnIsSaidInOneLineWithExitCode75()
    {
        using var dir = new TempDir();
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)taken.LocalEndpoint).Port}";
        var config = dir.File("rq.json");
        File.WriteAllText(config, $$"""{ "Samples": { "Mail": [""] }, "Web": { "Urls": "{{url}}" } }""");

        var run = ReviewQueueProgram.Run(["--config", config, "--db", dir.File("l.db"), "run"]);

        Assert.True(run.ExitCode == ExitCodes.TempFail, $"exit {run.ExitCode}: {run.Stdout} {run.Stderr}");
        Assert.Equal($"reviewqueue: run: cannot listen: Failed to bind to address {url}: address already in use. (Web:Urls); " +
            "stop what listens there or give this service another address", run.Stderr.Trim());
    }

    /// <summary>Throws what MailKit threw for a host with a space before such hosts were refused at start.</summary>
    sealed class FailingWorker : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Delay(200, stoppingToken);
            throw new UriFormatException("Invalid URI: The hostname could not be parsed.");
        }
    }
}
