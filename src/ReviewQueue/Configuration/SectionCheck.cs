using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ReviewQueue.Configuration;

/// <summary>Resolves every registered section once, so a bad value stops a command before it does anything.</summary>
public sealed class SectionCheck
{
    // Check: bound and validated. Spelling: bound only, so a misspelt key or a value that does not convert is still named
    // where the section's values (a password only the service's environment holds) are not required.
    readonly List<(string Section, Action<IServiceProvider> Check, Action Spelling)> checks = [];

    // The configuration the sections are bound from: to say where a bad value was set.
    IConfiguration? configuration;

    public static void Register<T>(IServiceCollection services, IConfiguration configuration) where T : class, ISectionOptions
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(SectionCheck))?.ImplementationInstance as SectionCheck;
        if (existing is null)
        {
            existing = new SectionCheck();
            services.AddSingleton(existing);
        }
        existing.configuration = configuration;
        existing.checks.Add((T.Section,
            sp => NamingStrayKeys<T>(configuration, () => _ = sp.GetRequiredService<IOptions<T>>().Value),
            () => NamingStrayKeys<T>(configuration,
                () => configuration.GetSection(T.Section).Bind(Activator.CreateInstance<T>(), b => b.ErrorOnUnknownConfiguration = true))));
    }

    /// <summary>Binds the section by <paramref name="bind"/>; a key it does not know is said by its full path.</summary>
    static void NamingStrayKeys<T>(IConfiguration configuration, Action bind) where T : ISectionOptions
    {
        try
        {
            bind();
        }
        catch (InvalidOperationException e) when (IsUnknownKey(e))
        {
            throw new InvalidOperationException(UnknownKeys<T>(configuration, e));
        }
    }

    /// <summary>
    /// One section bound and validated as <see cref="Run"/> does, without a service provider: for the
    /// commands that read the ledger and nothing else (Commands/CommandHost.ReadLedger).
    /// </summary>
    /// <returns>The section's options, or null after adding each problem (naming its key) to <paramref name="problems"/>.</returns>
    public static T? Read<T>(IConfiguration configuration, List<string> problems) where T : class, ISectionOptions, new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(T.Section).Bind(options, b => b.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            problems.Add(IsUnknownKey(e) ? UnknownKeys<T>(configuration, e) : Unconvertible(e, configuration));
            return null;
        }
        var before = problems.Count;
        problems.AddRange(options.Validate().Select(p => WithOrigin(p, configuration)));
        return problems.Count == before ? options : null;
    }

    // The binder says so at the level of the stray key, wrapped once for each list or object it is inside.
    static bool IsUnknownKey(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner.Message.Contains("were not found on the instance", StringComparison.Ordinal))
                return true;
        return false;
    }

    // Said by full key path (Imap:Accounts:0:Hots); the binder names only the last segment and a .NET type.
    static string UnknownKeys<T>(IConfiguration configuration, Exception e) where T : ISectionOptions
    {
        var keys = StrayKeys.Find(configuration.GetSection(T.Section), typeof(T));
        var words = keys.Count > 0 ? string.Join(", ", keys) : Innermost(e).Message;
        var origins = keys.Select(k => ConfigurationSetup.Origin(configuration, k)).OfType<string>().Distinct().ToList();
        return $"{T.Section}: unknown {(keys.Count > 1 ? "keys" : "key")} {words}; check the spelling against README's configuration section" +
            (origins.Count > 0 ? $" ({string.Join("; ", origins)})" : "");
    }

    static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    // A value that does not convert (an enum, a TimeSpan): the binder's message names the key, the value and a .NET type
    // ("Failed to convert configuration value 'abc' at 'TreeSync:Interval' to type 'System.TimeSpan'."); said as the key,
    // the value and what the key takes, as the other configuration errors are.
    internal static string Unconvertible(InvalidOperationException e, IConfiguration? configuration)
    {
        // Inside a list or an object the binder wraps it once more ("'ErrorOnUnknownConfiguration' was set and binding has
        // failed. … Failed to convert …"): the first message along the chain that names the value is the one.
        var said = System.Text.RegularExpressions.Match.Empty;
        for (Exception? x = e; x is not null && !said.Success; x = x.InnerException)
            said = System.Text.RegularExpressions.Regex.Match(x.Message, "Failed to convert configuration value '(.*)' at '([^']+)' to type '([^']+)'",
                System.Text.RegularExpressions.RegexOptions.Singleline);
        if (!said.Success)
            return e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
        var (value, key, type) = (said.Groups[1].Value, said.Groups[2].Value, said.Groups[3].Value);
        var origin = configuration is null ? null : ConfigurationSetup.Origin(configuration, key);
        return $"{key}: '{value}' is not {Takes(type)}{(origin is null ? "" : $" ({origin})")}";
    }

    /// <summary>What a value of the .NET type the binder names is written as (a nullable one as its underlying type).</summary>
    static string Takes(string type)
    {
        if (System.Text.RegularExpressions.Regex.Match(type, @"^System\.Nullable`1\[\[([^,\]]+)") is { Success: true } nullable)
            return Takes(nullable.Groups[1].Value);
        return type switch
        {
            "System.TimeSpan" => "a time span ([d.]hh:mm:ss, e.g. 00:10:00 for ten minutes)",
            "System.Int32" or "System.Int64" or "System.UInt32" or "System.UInt16" => "a whole number",
            "System.Double" or "System.Decimal" => "a number",
            "System.Boolean" => "true or false",
            _ when AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(type)).FirstOrDefault(t => t is { IsEnum: true }) is { } named =>
                $"one of {string.Join(", ", Enum.GetNames(named))}",
            _ => $"a value of type {type}",
        };
    }

    /// <summary>What binding <paramref name="section"/> to <paramref name="options"/> refuses (a value that does not convert), or null.</summary>
    internal static string? Unbindable(IConfigurationSection section, object options, IConfiguration configuration)
    {
        try
        {
            section.Bind(options);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return Unconvertible(e, configuration);
        }
    }

    // A validation failure starts with the key it is about ("Import:BatchSize must be …"): add where that value was set.
    static string WithOrigin(string problem, IConfiguration? configuration)
    {
        var key = System.Text.RegularExpressions.Regex.Match(problem, @"^[A-Za-z]+(:[A-Za-z0-9]+)+\b");
        return key.Success && configuration is not null ? ConfigurationSetup.WithOrigin(configuration, key.Value, problem) : problem;
    }

    /// <summary>Every problem found, each naming its key; empty when the configuration is good.</summary>
    /// <param name="include">The sections to validate (by name); null: every one. The others are checked for their spelling only.</param>
    public IReadOnlyList<string> Run(IServiceProvider services, Func<string, bool>? include = null)
    {
        var problems = new List<string>();
        foreach (var (section, check, spelling) in checks)
        {
            try
            {
                if (include is null || include(section))
                    check(services);
                else
                    spelling();
            }
            catch (OptionsValidationException e)
            {
                problems.AddRange(e.Failures.Select(p => WithOrigin(p, configuration)));
            }
            catch (InvalidOperationException e)
            {
                problems.Add(Unconvertible(e, configuration));
            }
        }
        return problems;
    }
}
