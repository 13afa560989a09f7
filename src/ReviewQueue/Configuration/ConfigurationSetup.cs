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
