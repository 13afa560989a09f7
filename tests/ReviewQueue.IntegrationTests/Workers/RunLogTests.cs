using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Workers;

/// <summary>What an operator reads in `run`'s log file: when each line happened.</summary>
public sealed class RunLogTests
{
    static readonly Dictionary<string, string> Listen = new() { ["Web__Urls"] = "http://127.0.0.1:0" };

    [Fact]
    public async Task EachLineTheServiceLogsStartsWithItsTimeInUtc()
    {
        var line = await FirstLogLineAsync(Listen);

        Assert.Matches(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00 info: ReviewQueue\.Workers\.SamplesImportWorker"), line);
    }

    [Fact]
    public async Task TheLoggingSectionChangesTheStamp()
    {
        var line = await FirstLogLineAsync(new(Listen) { ["Logging__Console__FormatterOptions__TimestampFormat"] = "'at' HH:mm " });

        Assert.Matches(new Regex(@"^at \d\d:\d\d info: ReviewQueue\.Workers\.SamplesImportWorker"), line);
    }

    [Fact]
    public async Task TheServiceSaysAtStartThatNoMaintainersIsConfigured()
    {
        // Outside the repository (no demo MAINTAINERS), on an empty ledger: no mail will ask for the map.
        using var dir = new TempDir();
        var output = new ConcurrentQueue<string>();
        using var run = RunProcess.Start(dir.File("l.db"), new Dictionary<string, string>(Listen) { ["Samples__Mail__0"] = "" }, dir.Path, output);
        try
        {
            await RunProcess.Until(run, () => output.Any(l => l.Contains("No MAINTAINERS for review debt")), output);
            Assert.Contains(output, l => l.Contains("No MAINTAINERS for review debt"));
        }
        finally
        {
            await RunProcess.StopAsync(run);
        }
    }

    // The demo mail's import (from the repository root, into a new ledger) logs a line at start.
    static async Task<string> FirstLogLineAsync(Dictionary<string, string> env)
    {
        using var dir = new TempDir();
        var output = new ConcurrentQueue<string>();
        using var run = RunProcess.Start(dir.File("l.db"), env, output: output);
        try
        {
            await RunProcess.Until(run, () => output.Any(l => l.Contains("SamplesImportWorker")), output);
            return output.FirstOrDefault(l => l.Contains("SamplesImportWorker"))
                ?? throw new Xunit.Sdk.XunitException("no log line in a minute: " + string.Join("\n", output));
        }
        finally
        {
            await RunProcess.StopAsync(run);
        }
    }
}
