using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewQueue.Configuration;

namespace ReviewQueue.IntegrationTests.Git;

/// <summary>The real service graph over a ledger file and the given configuration, in process.</summary>
public static class TreeHost
{
    /// <param name="logs">Where the services log (nowhere when null).</param>
    /// <param name="time">The services' clock (the system's when null).</param>
    public static IHost Build(string database, IDictionary<string, string?> settings, ILoggerProvider? logs = null, TimeProvider? time = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (logs is not null)
            builder.Logging.AddProvider(logs);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection([new("Ledger:Database", database)]);
        builder.Services.AddReviewQueue(builder.Configuration);
        if (time is not null)
            builder.Services.AddSingleton(time);
        var host = builder.Build();
        var problems = host.Services.GetRequiredService<SectionCheck>().Run(host.Services);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        return host;
    }

    public static Dictionary<string, string?> Tree(string name, string path, string? remote, params string[] branches)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Trees:0:Name"] = name,
            ["Trees:0:Path"] = path,
            ["Trees:0:Remote"] = remote,
        };
        for (int i = 0; i < branches.Length; i++)
            settings[$"Trees:0:Branches:{i}"] = branches[i];
        return settings;
    }
}
