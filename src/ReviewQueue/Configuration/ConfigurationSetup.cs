using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ReviewQueue.Configuration;

/// <summary>
/// Configuration in this order, later wins: appsettings.json as shipped, the --config file,
/// environment variables (Section__Key), the command line (--db).
/// </summary>
public static class ConfigurationSetup
{
    public static void AddSources(IConfigurationBuilder builder, string? configFile, string? database)
    {
        builder.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
                throw new ConfigurationProblem($"--config: no such file: {configFile}");
            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }
        builder.AddEnvironmentVariables();
        if (database is not null)
            builder.AddInMemoryCollection([new("Ledger:Database", database)]);
        if (builder is IConfiguration configuration)
            AddDemoMaintainers(builder, configuration);
    }

    /// <summary>
    /// The embedded default maps the demo's patches with the demo's MAINTAINERS (Samples:Maintainers),
    /// as long as no Maintainers source is configured and the demo files are where the default says
    /// (the repository root). Anywhere else this adds nothing, and no command fails for it.
    /// </summary>
    static void AddDemoMaintainers(IConfigurationBuilder builder, IConfiguration configuration)
    {
        if (configuration["Maintainers:File"] is not null || configuration["Maintainers:Tree"] is not null)
            return;
        var file = configuration["Samples:Maintainers"];
        var list = configuration["Samples:TreeFiles"];
        if (string.IsNullOrEmpty(file) || !File.Exists(file) || (!string.IsNullOrEmpty(list) && !File.Exists(list)))
            return;
        var values = new List<KeyValuePair<string, string?>> { new("Maintainers:File", file) };
        if (!string.IsNullOrEmpty(list))
            values.Add(new("Maintainers:TreeFiles", list));
        builder.AddInMemoryCollection(values);
    }

    /// <summary>Binds a section strictly (an unknown key is an error) and validates it at start.</summary>
    public static IServiceCollection AddSection<T>(this IServiceCollection services, IConfiguration configuration)
        where T : class, ISectionOptions
    {
        services.AddOptions<T>()
            .Bind(configuration.GetSection(T.Section), b => b.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>, SectionValidator<T>>();
        SectionCheck.Register<T>(services);
        return services;
    }
}

/// <summary>A configuration mistake, said in words that name the key.</summary>
public sealed class ConfigurationProblem(string message) : Exception(message);
