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
            catch (InvalidOperationException e) when (e.Message.Contains("were not found on the instance", StringComparison.Ordinal))
            {
                // The binder's words name the stray keys after the last colon: say them with their section.
                var keys = e.Message[(e.Message.LastIndexOf(':') + 1)..].Trim();
                throw new InvalidOperationException($"{T.Section}: unknown key(s) {keys}; check the spelling against README's configuration section");
            }
        });
    }

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
                // ErrorOnUnknownConfiguration: "'X' was not found on type …" names the stray key.
                // A value that does not convert (an enum, a TimeSpan) is named only by the inner exception.
                problems.Add(e.InnerException is { } inner ? $"{inner.Message} (is the value spelled as documented?)" : e.Message);
            }
        }
        return problems;
    }
}
