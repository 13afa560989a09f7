using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewQueue.Configuration;
using ReviewQueue.Series;
using ReviewQueue.Storage;

namespace ReviewQueue.Commands;

/// <summary>Builds the services a one-shot command needs, after checking the configuration.</summary>
public static class CommandHost
{
    /// <param name="checkReading">Say when the ledger's mail was read by other rules (not for reindex, which reads it again).</param>
    public static IHost? Build(ParseResult parse, GlobalOptions global, TextWriter error,
        Action<IServiceCollection, IConfiguration>? extra = null, bool checkReading = true)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (!TryAddSources(builder.Configuration, parse, global, error))
            return null;
        // Standard output is the command's answer (JSON, CSV, mbox): every log line goes to standard error.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddReviewQueue(builder.Configuration);
        extra?.Invoke(builder.Services, builder.Configuration);
        var host = builder.Build();
        var problems = host.Services.GetRequiredService<SectionCheck>().Run(host.Services);
        if (problems.Count > 0)
        {
            foreach (var p in problems)
                error.WriteLine($"reviewqueue: configuration: {p}");
            host.Dispose();
            return null;
        }
        if (checkReading && host.Services.GetRequiredService<ReadingStamp>().Staleness() is { } advice)
            error.WriteLine($"reviewqueue: {advice}");
        return host;
    }

    /// <summary>
    /// For a command that reads only what the ledger stores: the Ledger section checked as <see cref="Build"/>
    /// checks it (a bad key stops with a message naming it), and the ledger opened read-only when its schema
    /// is current; no host, services, logging or other sections, which cost more than the read itself.
    /// </summary>
    /// <returns>null after the problems are written to <paramref name="error"/>.</returns>
    public static Ledger? ReadLedger(ParseResult parse, GlobalOptions global, TextWriter error)
    {
        var sqlite = Task.Run(Ledger.LoadSqlite); // on the other core, while the configuration is read
        using var configuration = new ConfigurationManager();
        if (!TryAddSources(configuration, parse, global, error))
            return null;
        var problems = new List<string>();
        var options = SectionCheck.Read<LedgerOptions>(configuration, problems);
        if (options is null)
        {
            foreach (var p in problems)
                error.WriteLine($"reviewqueue: configuration: {p}");
            return null;
        }
        sqlite.Wait();
        // A new file or an older schema takes the way every other command takes: create and migrate.
        var ledger = Ledger.OpenForReading(options.Database, options.BusyTimeout) ?? Ledger.Open(options.Database, options.BusyTimeout);
        if (new ReadingStamp(ledger).Staleness() is { } advice) // the rules only: the policy is not loaded here
            error.WriteLine($"reviewqueue: {advice}");
        return ledger;
    }

    static bool TryAddSources(IConfigurationManager configuration, ParseResult parse, GlobalOptions global, TextWriter error)
    {
        try
        {
            ConfigurationSetup.AddSources(configuration, parse.GetValue(global.Config), parse.GetValue(global.Db));
            return true;
        }
        catch (ConfigurationProblem e)
        {
            foreach (var p in e.Problems)
                error.WriteLine($"reviewqueue: configuration: {p}");
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            error.WriteLine($"reviewqueue: configuration: {e.Message}");
        }
        return false;
    }
}
