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

    /// <summary>
    /// An empty value (a script's unset variable) or a bad one is named with the command and the argument or option:
    /// `check --tree ""` said "no tree named  in Trees", `digest subscribe ""` "reviewqueue: digest: not an email address: ".
    /// </summary>
    [Theory]
    [InlineData(new[] { "digest", "subscribe", "" }, "reviewqueue: digest subscribe: ADDRESS is empty")]
    [InlineData(new[] { "digest", "subscribe", "nobody" }, "reviewqueue: digest subscribe: not an email address: nobody")]
    [InlineData(new[] { "digest", "subscribe", "a@example.org", "--min-age", "3x" }, "reviewqueue: digest subscribe: --min-age: not a duration like 3d, 12h or 2w: 3x")]
    [InlineData(new[] { "check", "x@example.org", "--tree", "" }, "reviewqueue: check: --tree is empty")]
    [InlineData(new[] { "maintainers", "--tree", " ", "drivers/" }, "reviewqueue: maintainers: --tree is empty")]
    [InlineData(new[] { "trees", "sync", "" }, "reviewqueue: trees sync: NAME is empty")]
    public void AnEmptyOrBadValueIsNamedWithItsCommand(string[] args, string message)
    {
        var r = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), .. args]);

        Assert.Equal(64, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Equal(message, r.Stderr.Split('\n')[0]);
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
