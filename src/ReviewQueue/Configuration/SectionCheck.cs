using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ReviewQueue.Configuration;

/// <summary>Resolves every registered section once, so a bad value stops a command before it does anything.</summary>
public sealed class SectionCheck
{
    readonly List<Action<IServiceProvider>> checks = [];

    public static void Register<T>(IServiceCollection services) where T : class, ISectionOptions
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(SectionCheck))?.ImplementationInstance as SectionCheck;
        if (existing is null)
        {
            existing = new SectionCheck();
            services.AddSingleton(existing);
        }
        existing.checks.Add(sp =>
        {
            try
            {
                _ = sp.GetRequiredService<IOptions<T>>().Value;
            }
            catch (InvalidOperationException e) when (IsUnknownKey(e))
            {
                throw new InvalidOperationException(UnknownKeys<T>(e));
            }
        });
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
            problems.Add(IsUnknownKey(e) ? UnknownKeys<T>(e) : Unconvertible(e));
            return null;
        }
        var before = problems.Count;
        problems.AddRange(options.Validate());
        return problems.Count == before ? options : null;
    }

    static bool IsUnknownKey(InvalidOperationException e) => e.Message.Contains("were not found on the instance", StringComparison.Ordinal);

    // The binder's words name the stray keys after the last colon: say them with their section.
    static string UnknownKeys<T>(InvalidOperationException e) where T : ISectionOptions =>
        $"{T.Section}: unknown key(s) {e.Message[(e.Message.LastIndexOf(':') + 1)..].Trim()}; check the spelling against README's configuration section";

    // A value that does not convert (an enum, a TimeSpan): the binder's message names the key
    // ("Failed to convert configuration value at 'Ledger:BusyTimeout' …"), the inner one says why.
    static string Unconvertible(InvalidOperationException e) =>
        e.InnerException is { } inner ? $"{e.Message} {inner.Message} (is the value spelled as documented?)" : e.Message;

    /// <summary>Every problem found, each naming its key; empty when the configuration is good.</summary>
    public IReadOnlyList<string> Run(IServiceProvider services)
    {
        var problems = new List<string>();
        foreach (var check in checks)
        {
            try
            {
                check(services);
            }
            catch (OptionsValidationException e)
            {
                problems.AddRange(e.Failures);
            }
            catch (InvalidOperationException e)
            {
                problems.Add(Unconvertible(e));
            }
        }
        return problems;
    }
}
