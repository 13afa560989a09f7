using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewQueue.Configuration;

namespace ReviewQueue.Commands;

/// <summary>Builds the services a one-shot command needs, after checking the configuration.</summary>
public static class CommandHost
{
    public static IHost? Build(ParseResult parse, GlobalOptions global, TextWriter error,
        Action<IServiceCollection, IConfiguration>? extra = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        try
        {
            ConfigurationSetup.AddSources(builder.Configuration, parse.GetValue(global.Config), parse.GetValue(global.Db));
        }
        catch (ConfigurationProblem e)
        {
            error.WriteLine($"reviewqueue: configuration: {e.Message}");
            return null;
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            error.WriteLine($"reviewqueue: configuration: {e.Message}");
            return null;
        }
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
        return host;
    }
}
