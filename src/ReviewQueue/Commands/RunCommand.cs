using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using ReviewQueue.Configuration;
using ReviewQueue.Digest;
using ReviewQueue.Storage;
using ReviewQueue.Web;
using ReviewQueue.Web.Backlog;
using ReviewQueue.Workers;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue run: the long-running service (workers and the web endpoint) until Ctrl-C.</summary>
public static class RunCommand
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("run", "Run the service: import, watch and serve the dashboard until stopped");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var app = Build(parse.GetValue(global.Config), parse.GetValue(global.Db), Console.Error);
            if (app is null)
                return ExitCodes.Config;
            await using (app)
                return await ServeAsync(app, Console.Out, Console.Error, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// Serves until Ctrl-C (or SIGTERM): 0. A worker that failed stops the host (HostOptions' StopHost); then the
    /// exit code is 1, so a supervisor (systemd's Restart=on-failure) sees a failure and not a requested stop.
    /// </summary>
    public static async Task<int> ServeAsync(WebApplication app, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // A second service on one ledger would read the same IMAP folders, send the same digests and sync the same trees
        // beside the first (each stored once, but every mail fetched twice and every rebuild done twice), and nothing said so.
        // Read-only to this user (a service started as another user than the ledger's owner), locked past the busy
        // timeout, a full disk: said in one line, and 75 (try again later) as `import -` says it.
        if (CommandHost.OpenLedger(app.Services, "run", error) is not { } ledger)
            return ExitCodes.TempFail;
        if (await HeldByAnotherServiceAsync(ledger, cancellationToken))
        {
            error.WriteLine($"reviewqueue: run: another `reviewqueue run` already serves {ledger.Path} (it holds {ServiceLock.PathFor(ledger)}); " +
                "stop it first, or give this one its own --db");
            return ExitCodes.TempFail;
        }
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            // Another program listens there (often another `run`, on another ledger): one line naming the setting, and 75
            // (try again later). The workers that had started stop as when asked to.
            var key = KestrelSection.EndpointUrls(app.Configuration).Count > 0 ? "Kestrel:Endpoints" : "Web:Urls";
            error.WriteLine($"reviewqueue: run: cannot listen: {e.Message} ({key}); stop what listens there or give this service another address");
            await app.StopAsync(CancellationToken.None);
            return ExitCodes.TempFail;
        }
        // Said at start, where the operator looks, rather than at the first mail (a Tree's MAINTAINERS waits for its sync).
        if (app.Services.GetRequiredService<IOptions<MaintainersOptions>>().Value is { Tree: null, File: null })
            app.Services.GetRequiredService<Subsystems.MaintainersSubsystems>().Snapshot();
        output.WriteLine($"ReviewQueue is running. Dashboard: {string.Join(", ", app.Urls)}  (Ctrl-C to stop)");
        await app.WaitForShutdownAsync(cancellationToken);
        var failed = app.Services.GetServices<IHostedService>().OfType<BackgroundService>()
            .Where(s => s.ExecuteTask is { IsFaulted: true }).ToList();
        foreach (var worker in failed)
            error.WriteLine($"reviewqueue: run: stopped because {worker.GetType().Name} failed: " +
                $"{worker.ExecuteTask!.Exception!.GetBaseException().GetType().Name}: {worker.ExecuteTask.Exception.GetBaseException().Message}");
        return failed.Count > 0 ? ExitCodes.Failure : ExitCodes.Ok;
    }

    // An import's look (ServiceLock.IsHeld) holds the file for a moment too: only a lock held at three looks is a service's.
    static async Task<bool> HeldByAnotherServiceAsync(Ledger ledger, CancellationToken cancellationToken)
    {
        for (int look = 0; look < 3; look++)
        {
            if (!ServiceLock.IsHeld(ledger))
                return false;
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
        return true;
    }

    /// <summary>The default stamp of each line `run` logs, e.g. 2026-11-27T21:50:52.123+00:00.</summary>
    public const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffzzz ";

    /// <param name="customize">For tests: more configuration or services before the configuration is checked.</param>
    public static WebApplication? Build(string? configFile, string? database, TextWriter error, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        try
        {
            ConfigurationSetup.AddSources(builder.Configuration, configFile, database);
        }
        catch (Exception e) when (e is ConfigurationProblem or FormatException or InvalidDataException)
        {
            foreach (var p in e is ConfigurationProblem problem ? problem.Problems : [e.Message])
                error.WriteLine($"reviewqueue: configuration: {p}");
            return null;
        }
        builder.WebHost.UseKestrelCore();
        KestrelSection.Apply(builder);
        builder.Services.AddRoutingCore();
        // A service's log is read later, from a file or the journal: each line says when (UTC, with its offset). Set before
        // the console provider binds Logging:Console:FormatterOptions, so that section overrides these defaults.
        builder.Services.Configure<SimpleConsoleFormatterOptions>(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = TimestampFormat;
            o.UseUtcTimestamp = true;
        });
        builder.Logging.AddSimpleConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        // The host's own errors are each said once, in one line, by ServeAsync (a port in use, a worker that failed); a
        // worker's failure still logs its exception, as the critical line that stops the host.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        // The Logging section (appsettings.json, --config, Logging__LogLevel__…) over the defaults above: the empty
        // builder reads none of it by itself.
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Services.AddReviewQueue(builder.Configuration);
        builder.Services.AddSection<SamplesOptions>(builder.Configuration);
        builder.Services.AddHostedService<ReadingStampWorker>();
        builder.Services.AddHostedService<SamplesImportWorker>();
        builder.Services.AddMailWorkers(builder.Configuration);
        customize?.Invoke(builder);
        builder.Services.AddSingleton<OverviewCache>();
        builder.Services.AddHostedService<DebtRefreshWorker>();
        builder.Services.AddHostedService<CatchUpWorker>();
        builder.Services.AddHostedService<TreeSyncWorker>();

        var probe = builder.Services.BuildServiceProvider();
        List<string> problems = [.. probe.GetRequiredService<SectionCheck>().Run(probe)];
        problems.AddRange(KestrelSection.Problems(builder.Configuration));
        problems.AddRange(LoggingSection.Problems(builder.Configuration));
        if (KestrelSection.Contradiction(builder.Configuration) is { } contradiction)
            problems.Add(contradiction);
        if (problems.Count > 0)
        {
            foreach (var p in problems)
                error.WriteLine($"reviewqueue: configuration: {p}");
            return null;
        }
        if (KestrelSection.EndpointUrls(builder.Configuration).Count == 0)
            builder.WebHost.UseUrls(probe.GetRequiredService<IOptions<WebOptions>>().Value.Urls);

        var app = builder.Build();
        // Behind a reverse proxy that passes /reviewqueue/… on as it is: the prefix is taken off the path before routing and
        // kept as the request's PathBase, which the pages' links and redirects start with. Requests without it are served too.
        if (probe.GetRequiredService<IOptions<WebOptions>>().Value.PathBase is { Length: > 0 } pathBase)
            app.UsePathBase(pathBase);
        // Every answer is what its Content-Type says: a browser must not take JSON that holds a subject's HTML for a page.
        app.Use((context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
        app.UseRouting();
        app.MapRead("/healthz", () => "ok");
        app.MapUnsubscribe();
        app.MapBacklog();
        return app;
    }
}
