using ReviewQueue.Commands;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Configuration;

/// <summary>
/// `run` reads the Logging section (README's Configuration table): a level or a console option it cannot take stops
/// the start with 78 naming the key, as every other section does, not with an unhandled exception and exit 1.
/// </summary>
public sealed class LoggingSectionTests
{
    static string Stopped(string logging)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("rq.json"), $$"""
            { "Ledger": { "Database": "{{dir.File("l.db")}}" }, "Samples": { "Mail": [] }, "Logging": {{logging}} }
            """);
        var error = new StringWriter();
        Assert.Null(RunCommand.Build(dir.File("rq.json"), null, error));
        return error.ToString().Replace(dir.File("rq.json"), "RQ");
    }

    [Fact]
    public void ALogLevelThatIsNoLevelStopsTheStartNamingIt()
    {
        Assert.Contains("Logging:LogLevel:Default is not a log level (Trace, Debug, Information, Warning, Error, Critical, None): 'Loud' (set in RQ)",
            Stopped("""{ "LogLevel": { "Default": "Loud" } }"""));
    }

    [Fact]
    public void AProviderLogLevelThatIsNoLevelStopsTheStartNamingIt()
    {
        Assert.Contains("Logging:Console:LogLevel:ReviewQueue.Workers is not a log level",
            Stopped("""{ "Console": { "LogLevel": { "ReviewQueue.Workers": "Verbose" } } }"""));
    }

    [Fact]
    public void AConsoleFormatterOptionThatDoesNotConvertStopsTheStartNamingIt()
    {
        Assert.Contains("Logging:Console:FormatterOptions:SingleLine: 'yes' is not true or false",
            Stopped("""{ "Console": { "FormatterOptions": { "SingleLine": "yes" } } }"""));
    }
}
