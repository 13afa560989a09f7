using System.Text.RegularExpressions;

namespace ReviewQueue.IntegrationTests.Install;

/// <summary>
/// `reviewqueue --help` and every command's help name what each option takes as README and git's and b4's manuals do
/// (`--db PATH`, `--since DATE`, `-o FILE`), not by the option's own name again (`--db &lt;db&gt;`), and say what each
/// argument is.
/// </summary>
public sealed partial class HelpTests
{
    [Fact]
    public void EveryCommandsHelpNamesWhatItsOptionsAndArgumentsTake()
    {
        var problems = new List<string>();
        foreach (var command in Commands([]))
        {
            var help = Help([.. command, "--help"]);
            foreach (Match m in Placeholder().Matches(help))
                if (!Named().IsMatch(m.Groups[1].Value))
                    problems.Add($"{string.Join(' ', command)}: <{m.Groups[1].Value}>");
            foreach (Match m in UndescribedArgument().Matches(help))
                problems.Add($"{string.Join(' ', command)}: argument {m.Groups[1].Value} has no description");
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void TheGlobalOptionsSayPathAndFileAsReadmeDoes()
    {
        var help = Help(["--help"]);
        Assert.Matches(@"--db <PATH>\s+The SQLite ledger", help);
        Assert.Matches(@"--config <FILE>\s+A JSON configuration file", help);
    }

    [Fact]
    public void TheListManagerIsTypedAndShownInLowerCaseAndAnUnknownOneIsSaidInTheUsersWords()
    {
        Assert.Contains("--software <mlmmj|mailman>  The list manager [default: mlmmj]", Help(["subscribe", "--help"]));

        var r = ReviewQueueProgram.Run(["subscribe", "devel@lists.example.org", "--software", "majordomo"]);
        Assert.Equal(64, r.ExitCode);
        Assert.Contains("--software: 'majordomo' is not a list manager ReviewQueue knows: mlmmj or mailman", r.Stderr);
        Assert.DoesNotContain("ReviewQueue.Core", r.Stderr);
    }

    /// <summary>
    /// A parent's list of commands writes each one's arguments as its own usage line does: one that may be left out in
    /// brackets, one that takes more with "..." (System.CommandLine's own list wrote `sync &lt;NAME&gt;`, as if required), the
    /// descriptions still in one column.
    /// </summary>
    [Fact]
    public void ACommandsListSaysWhichArgumentsMayBeLeftOut()
    {
        var trees = Help(["trees", "--help"]);
        Assert.Contains("\n  sync [<NAME>]  Fetch the watched trees", trees);
        Assert.Contains("reviewqueue trees sync [<NAME>] [options]", Help(["trees", "sync", "--help"]));

        var root = Help(["--help"]);
        Assert.Matches(@"\n  maintainers \[<PATH>\.\.\.\] +Sections and recipients", root);
        Assert.Matches(@"\n  import <PATH>\.\.\. +Import mail", root);
        Assert.Matches(@"\n  show <ID\|MSGID> +Show a topic", root);
        var columns = root[root.IndexOf("Commands:", StringComparison.Ordinal)..].Split('\n').Skip(1)
            .TakeWhile(l => l.Length > 0).Select(l => Regex.Match(l, @"^  \S.*?  +(?=\S)").Length).Distinct();
        Assert.Single(columns);
    }

    /// <summary>Every command path, from the help's own "Commands:" lists (trees sync, digest subscribe…).</summary>
    static IEnumerable<string[]> Commands(string[] parent)
    {
        var help = Help([.. parent, "--help"]);
        var at = help.IndexOf("Commands:", StringComparison.Ordinal);
        if (parent.Length > 0)
            yield return parent;
        if (at < 0)
            yield break;
        foreach (var line in help[at..].Split('\n').Skip(1))
        {
            var m = CommandLine().Match(line);
            if (!m.Success)
                break;
            foreach (var c in Commands([.. parent, m.Groups[1].Value]))
                yield return c;
        }
    }

    static string Help(string[] args)
    {
        var r = ReviewQueueProgram.Run(args);
        Assert.True(r.ExitCode == 0, $"reviewqueue {string.Join(' ', args)}: {r.Stderr}");
        return r.Stdout;
    }

    [GeneratedRegex(@"^  ([a-z][a-z-]*)\b")]
    private static partial Regex CommandLine();

    /// <summary>What an option or argument takes, as the help writes it: &lt;PATH&gt;.</summary>
    [GeneratedRegex(@"<([^>]*)>")]
    private static partial Regex Placeholder();

    /// <summary>
    /// Named as the manuals name it: in capitals (PATH, ID|MSGID, HH:MM:SS), or the values typed as they are (mlmmj|mailman);
    /// not the option's own name again in lower case, nor a type's names (Mailman|Mlmmj).
    /// </summary>
    [GeneratedRegex(@"^(?:[A-Z0-9:|_-]+|[a-z0-9-]+(?:\|[a-z0-9-]+)+)$")]
    private static partial Regex Named();

    /// <summary>An "Arguments:" entry with nothing after its name.</summary>
    [GeneratedRegex(@"(?m)^  (<[^>]+>)\s*$")]
    private static partial Regex UndescribedArgument();
}
