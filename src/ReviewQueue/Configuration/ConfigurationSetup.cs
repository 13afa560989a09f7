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
        AddJsonFile(builder, ShippedFile, ShippedFile, optional: true);
        if (configFile is not null)
        {
            // A script's unset variable: "no such file: " would name nothing.
            if (string.IsNullOrWhiteSpace(configFile))
                throw new ConfigurationProblem("--config is empty: give the settings file's path");
            if (Directory.Exists(configFile))
                throw new ConfigurationProblem($"--config: {configFile} is a folder; give the settings file in it");
            if (!File.Exists(configFile))
                throw new ConfigurationProblem($"--config: no such file: {configFile}");
            AddJsonFile(builder, Path.GetFullPath(configFile), $"--config {configFile}", optional: false);
        }
        builder.AddEnvironmentVariables();
        if (builder is IConfigurationRoot sources)
        {
            List<string> unknown = [.. KnownSections.CheckFiles(sources, configFile), .. KnownSections.CheckEnvironment(Environment.GetEnvironmentVariables())];
            if (unknown.Count > 0)
                throw new ConfigurationProblem(unknown);
        }
        if (database is not null)
            builder.AddInMemoryCollection([new("Ledger:Database", database)]);
        if (builder is IConfiguration configuration)
        {
            AddDemoMaintainers(builder, configuration);
            LeaveOutMissingShippedDemo(builder, configuration);
        }
    }

    /// <summary>Adds a JSON file; one that does not parse stops the start with the file and the line named.</summary>
    /// <param name="label">The file as the operator knows it (the --config option as given).</param>
    static void AddJsonFile(IConfigurationBuilder builder, string path, string label, bool optional)
    {
        try
        {
            builder.AddJsonFile(path, optional, reloadOnChange: false);
        }
        catch (InvalidDataException e)
        {
            throw new ConfigurationProblem($"{label}: {Unreadable(e)}");
        }
        // The service's file (root's, mode 0640 for its group) given to a user outside that group, e.g. a mail server's pipe:
        // one line naming the file, not a crash with exit 1 (which Postfix bounces); the one-shot commands then exit 75.
        catch (UnauthorizedAccessException)
        {
            throw new ConfigurationProblem($"{label}: this user may not read it (permission denied)") { Unreadable = true };
        }
    }

    /// <summary>
    /// What the JSON reader said, with its line and column counted from 1 ("Failed to load configuration from
    /// file" alone leaves the operator searching).
    /// </summary>
    static string Unreadable(InvalidDataException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is System.Text.Json.JsonException { LineNumber: { } line, BytePositionInLine: { } column } json)
            {
                var words = json.Message;
                var cut = words.IndexOf(" LineNumber:", StringComparison.Ordinal);
                return $"not valid JSON at line {line + 1}, column {column + 1}: {(cut > 0 ? words[..cut] : words)}";
            }
        // Valid JSON the configuration cannot hold (a top-level array, a key given twice): the reader's own words.
        return e.InnerException is FormatException format ? format.Message : e.Message;
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
        var missing = configuration.GetSection("Samples:Mail").GetChildren()
            .Where(e => !string.IsNullOrWhiteSpace(e.Value) && !Path.IsPathRooted(e.Value) && !File.Exists(e.Value) && !Directory.Exists(e.Value))
            .Where(e => FileOf(root, e.Path) == ShippedFile)
            .Select(e => new KeyValuePair<string, string?>(e.Path, ""))
            .ToList();
        if (missing.Count > 0)
            builder.AddInMemoryCollection(missing);
    }

    /// <summary>The source the key's value comes from (the last one that sets it), or null when none does.</summary>
    static IConfigurationProvider? SourceOf(IConfigurationRoot root, string key) =>
        root.Providers.LastOrDefault(p => p.TryGet(key, out _));

    /// <summary>The JSON file the key's value comes from, or null (not set, or set by another kind of source).</summary>
    static string? FileOf(IConfigurationRoot root, string key) =>
        SourceOf(root, key) is FileConfigurationProvider file ? PathOf(file) : null;

    /// <summary>A problem with <paramref name="key"/>'s value, followed by where that value was set when it is known.</summary>
    internal static string WithOrigin(IConfiguration configuration, string key, string problem) =>
        Origin(configuration, key) is { } origin ? $"{problem} ({origin})" : problem;

    /// <summary>
    /// Where the key's value was set, in words for a message ("set in /etc/rq.json"), or null (not set, or by --db): with
    /// the shipped file, the --config file and the environment all read, the key alone leaves the operator guessing which to mend.
    /// </summary>
    internal static string? Origin(IConfiguration configuration, string key) =>
        configuration is IConfigurationRoot root ? SourceOf(root, key) switch
        {
            FileConfigurationProvider file => $"set in {PathOf(file)}",
            Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationProvider =>
                $"set by the environment variable {key.Replace(":", "__", StringComparison.Ordinal)}",
            _ => null,
        } : null;

    /// <summary>Whether some source other than the shipped appsettings.json gives the key a value.</summary>
    internal static bool IsSetByOperator(IConfigurationRoot root, string key) =>
        SourceOf(root, key) is { } source && !(source is FileConfigurationProvider file && PathOf(file) == ShippedFile);

    /// <summary>appsettings.json as shipped, beside the program.</summary>
    static string ShippedFile => Path.Combine(AppContext.BaseDirectory, "appsettings.json");

    /// <summary>Where a configuration file provider read its file from.</summary>
    internal static string? PathOf(FileConfigurationProvider provider) =>
        provider.Source.FileProvider?.GetFileInfo(provider.Source.Path ?? "").PhysicalPath ?? provider.Source.Path;

    /// <summary>
    /// The embedded default maps the demo's patches with the demo's MAINTAINERS (Samples:Maintainers),
    /// as long as no Maintainers source is configured and the demo files are where the default says
    /// (the repository root). Anywhere else this adds nothing, and no command fails for it. Any Maintainers key the
    /// operator set (a TreeFiles or Mailmap alone too) leaves the demo out, so that it is checked, not replaced.
    /// </summary>
    static void AddDemoMaintainers(IConfigurationBuilder builder, IConfiguration configuration)
    {
        if (configuration.GetSection("Maintainers").GetChildren().Any())
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
        SectionCheck.Register<T>(services, configuration);
        return services;
    }
}

/// <summary>Configuration mistakes, each said in words that name the key (or the file, or the variable).</summary>
public sealed class ConfigurationProblem(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public ConfigurationProblem(string problem) : this([problem])
    {
    }

    public IReadOnlyList<string> Problems { get; } = problems;

    /// <summary>A file this user may not read: mended by its permissions, so a delivery is worth retrying.</summary>
    public bool Unreadable { get; init; }
}
