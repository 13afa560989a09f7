using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Commands;

/// <summary>
/// A command line that does not parse: standard error's first line is what was wrong, as git and most Unix tools
/// write it (a script's `2>&1 | head -1`, a mail server's bounce and a person all read that line first), and the
/// typo suggestions and the help follow it.
/// </summary>
public sealed class UsageErrorTests : IDisposable
{
    readonly TempDir dir = new("rq-usage");

    [Theory]
    [InlineData(new[] { "series", "--bogus" }, "Unrecognized command or argument '--bogus'.")]
    [InlineData(new[] { "series", "--jsn" }, "Unrecognized command or argument '--jsn'.")]
    [InlineData(new[] { "show" }, "Required argument missing for command: 'show'.")]
    [InlineData(new[] { "series", "--since", "2024-01-01", "--since", "2024-01-02" }, "Option '--since' expects a single argument but 2 were provided.")]
    public void TheFirstLineOfStandardErrorIsTheMessage(string[] args, string message)
    {
        var r = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), .. args]);

        Assert.Equal(64, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Equal(message, r.Stderr.Split('\n')[0]);
        Assert.Contains("Usage:", r.Stderr);
    }

    /// <summary>A mistyped command: what was wrong first, then the command it may have meant, then the help.</summary>
    [Fact]
    public void AMistypedCommandSaysSoFirstThenWhatItMayHaveMeant()
    {
        var r = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), "seris"]);

        Assert.Equal(64, r.ExitCode);
        var lines = r.Stderr.Split('\n');
        Assert.NotEqual("", lines[0]);
        var unrecognized = Array.IndexOf(lines, "Unrecognized command or argument 'seris'.");
        var suggestion = Array.IndexOf(lines, "'seris' was not matched. Did you mean one of the following?");
        Assert.InRange(unrecognized, 0, 1);
        Assert.True(suggestion > unrecognized, r.Stderr);
        Assert.Equal("series", lines[suggestion + 1]);
        Assert.True(Array.IndexOf(lines, "Usage:") > suggestion, r.Stderr);
    }

    public void Dispose() => dir.Dispose();
}
