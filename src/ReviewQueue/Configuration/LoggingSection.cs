using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ReviewQueue.Configuration;

/// <summary>
/// The "Logging" section as `run` reads it: levels (Logging:LogLevel:CATEGORY, or one provider's,
/// Logging:Console:LogLevel:CATEGORY) and the console's FormatterOptions. The logging library reads them only when the
/// first logger is made and throws on a value it cannot take ("Configuration value 'Loud' is not supported."), which
/// stopped `run` as a program fault (exit 1) with neither the key nor the file named.
/// </summary>
public static class LoggingSection
{
    public static string Section => "Logging";

    /// <summary>Each value the logging library would refuse, naming its key and where it was set.</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var levels = section.GetChildren().Where(c => c.Key != "LogLevel").Select(c => c.GetSection("LogLevel")).Prepend(section.GetSection("LogLevel"));
        foreach (var level in levels.SelectMany(l => l.GetChildren()))
            // As the library reads it: empty is no level given; a name in any case or a number is one.
            if (!string.IsNullOrEmpty(level.Value) && !Enum.TryParse<LogLevel>(level.Value, ignoreCase: true, out _))
                yield return ConfigurationSetup.WithOrigin(configuration, level.Path,
                    $"{level.Path} is not a log level ({string.Join(", ", Enum.GetNames<LogLevel>())}): '{level.Value}'");
        var formatter = section.GetSection("Console:FormatterOptions");
        if (SectionCheck.Unbindable(formatter, new SimpleConsoleFormatterOptions(), configuration) is { } unconvertible)
            yield return unconvertible;
    }
}
