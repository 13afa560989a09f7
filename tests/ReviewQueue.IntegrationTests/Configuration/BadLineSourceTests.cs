using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Configuration;

/// <summary>
/// One bad line among several sources (the shipped file, /etc's --config, the service's environment): the message names
/// the key and where its value was set, so the operator knows which file or variable to mend.
/// </summary>
public sealed class BadLineSourceTests
{
    [Theory]
    [InlineData("""{ "Ledger": { "BusyTimeout": "thirty seconds" } }""", "Ledger:BusyTimeout: 'thirty seconds' is not a time span ([d.]hh:mm:ss, e.g. 00:10:00 for ten minutes)")] // a value that does not convert
    [InlineData("""{ "Import": { "BatchSzie": 10 } }""", "Import: unknown key Import:BatchSzie")] // an unknown key
    public void ABadLineNamesTheKeyAndTheConfigFile(string json, string named)
    {
        using var dir = new TempDir();
        var config = dir.File("rq.json");
        File.WriteAllText(config, json);
        var r = ReviewQueueProgram.Run(["--config", config, "series"], workDir: dir.Path);
        Assert.Equal(78, r.ExitCode);
        Assert.Contains(named, r.Stderr);
        Assert.Contains($"(set in {config})", r.Stderr);
    }

    [Fact]
    public void AValueFromTheEnvironmentNamesTheVariableNotTheFile()
    {
        using var dir = new TempDir();
        var config = dir.File("rq.json");
        File.WriteAllText(config, """{ "Ledger": { "BusyTimeout": "00:00:10" } }""");
        var r = ReviewQueueProgram.Run(["--config", config, "series"], workDir: dir.Path,
            env: new Dictionary<string, string> { ["Ledger__BusyTimeout"] = "soon" });
        Assert.Equal(78, r.ExitCode);
        Assert.Contains("(set by the environment variable Ledger__BusyTimeout)", r.Stderr);
        Assert.DoesNotContain(config, r.Stderr);
    }

    [Fact]
    public void RunNamesTheConfigFileOfAValueThatDoesNotConvert()
    {
        using var dir = new TempDir();
        var config = dir.File("rq.json");
        File.WriteAllText(config, $$"""{ "Ledger": { "Database": "{{dir.File("l.db")}}" }, "Digest": { "CheckInterval": "hourly" } }""");
        var r = ReviewQueueProgram.Run(["--config", config, "run"], workDir: dir.Path);
        Assert.Equal(78, r.ExitCode);
        Assert.Contains("Digest:CheckInterval: 'hourly' is not a time span", r.Stderr);
        Assert.Contains($"(set in {config})", r.Stderr);
    }

    [Fact]
    public void AValueOutOfRangeNamesTheKeyAndTheConfigFile()
    {
        using var dir = new TempDir();
        var config = dir.File("rq.json");
        File.WriteAllText(config, """{ "Import": { "BatchSize": 0 } }""");
        var r = ReviewQueueProgram.Run(["--config", config, "series"], workDir: dir.Path);
        Assert.Equal(78, r.ExitCode);
        Assert.Contains($"Import:BatchSize must be between 1 and 100000 (is 0) (set in {config})", r.Stderr);
    }
}
