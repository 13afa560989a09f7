using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
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
        {
            AddDemoMaintainers(builder, configuration);
            LeaveOutMissingShippedDemo(builder, configuration);
        }
    }

    /// <summary>
    /// The shipped appsettings.json names the demo mail relative to the repository root. Run anywhere else (an
    /// installed service), it is not there and `run` starts without it, as it does without the demo's MAINTAINERS.
    /// A path the operator gave (the --config file, the environment) that is missing still stops the start.
    /// </summary>
    static void LeaveOutMissingShippedDemo(IConfigurationBuilder builder, IConfiguration configuration)
    {
        if (configuration is not IConfigurationRoot root)
            return;
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var missing = configuration.GetSection("Samples:Mail").GetChildren()
            .Where(e => !string.IsNullOrWhiteSpace(e.Value) && !Path.IsPathRooted(e.Value) && !File.Exists(e.Value) && !Directory.Exists(e.Value))
            .Where(e => FileOf(root, e.Path) == shipped)
            .Select(e => new KeyValuePair<string, string?>(e.Path, ""))
            .ToList();
        if (missing.Count > 0)
            builder.AddInMemoryCollection(missing);
    }

    /// <summary>The JSON file the key's value comes from (the last source that sets it), or null.</summary>
    static string? FileOf(IConfigurationRoot root, string key)
    {
        foreach (var provider in root.Providers.Reverse())
            if (provider.TryGet(key, out _))
                return provider is FileConfigurationProvider { Source: { FileProvider: PhysicalFileProvider files, Path: { } name } }
                    ? Path.Combine(files.Root, name)
                    : null;
        return null;
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
