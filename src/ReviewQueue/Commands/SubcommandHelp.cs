using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace ReviewQueue.Commands;

/// <summary>
/// The help, with each subcommand in its parent's "Commands:" list written with its arguments' arity, as its own usage line
/// writes them: System.CommandLine lists every argument as &lt;NAME&gt;, so `trees sync [NAME]` showed as `sync &lt;NAME&gt;` and
/// `maintainers [PATH...]` as `maintainers &lt;PATH&gt;`, as if they were required. Its help builder is not public: the rows it
/// wrote are mended, and the columns kept aligned.
/// </summary>
sealed class SubcommandHelp(HelpAction help) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => help.ClearsParseErrors;

    public override int Invoke(ParseResult parse)
    {
        var rows = parse.CommandResult.Command.Subcommands.Where(c => !c.Hidden)
            .Select(c => (Written: Label(c, Default), Meant: Label(c, WithArity))).ToList();
        int grows = rows.Count == 0 ? 0 : rows.Max(r => r.Meant.Length) - rows.Max(r => r.Written.Length);
        // The descriptions move right by as much: wrapped that much narrower, they still end where they did.
        if (grows > 0 && help.MaxWidth != int.MaxValue)
            help.MaxWidth -= grows;
        var output = parse.InvocationConfiguration.Output;
        var written = new StringWriter();
        parse.InvocationConfiguration.Output = written;
        int code;
        try
        {
            code = help.Invoke(parse);
        }
        finally
        {
            parse.InvocationConfiguration.Output = output;
        }
        output.Write(rows.All(r => r.Written == r.Meant) ? written.ToString() : Mend(written.ToString(), rows, grows));
        return code;
    }

    /// <summary>The "Commands:" section's rows relabelled, each line of it moved right by <paramref name="grows"/>.</summary>
    static string Mend(string text, List<(string Written, string Meant)> rows, int grows)
    {
        var lines = text.Split('\n');
        int at = Array.FindIndex(lines, l => l.TrimEnd('\r') == "Commands:");
        if (at < 0)
            return text;
        for (int i = at + 1; i < lines.Length && lines[i].TrimEnd('\r').Length > 0; i++)
        {
            var line = lines[i];
            if (line.StartsWith("   ", StringComparison.Ordinal))
            {
                lines[i] = new string(' ', grows) + line; // a description's next line
                continue;
            }
            var row = rows.FirstOrDefault(r => line.StartsWith("  " + r.Written, StringComparison.Ordinal)
                && (line.Length == 2 + r.Written.Length || line[2 + r.Written.Length] is ' ' or '\r'));
            if (row.Written is null)
                return text; // laid out otherwise (a label the help wrapped on a narrow terminal): left as it was
            var rest = line[(2 + row.Written.Length)..];
            var gap = rest.Length - rest.TrimStart(' ').Length;
            lines[i] = "  " + row.Meant + new string(' ', Math.Max(gap == 0 ? 0 : 2, gap + grows - (row.Meant.Length - row.Written.Length)))
                + rest.TrimStart(' ');
        }
        return string.Join('\n', lines);
    }

    static string Label(Command command, Func<Argument, string> argument) =>
        string.Join(' ', command.Arguments.Where(a => !a.Hidden).Select(argument).Prepend(command.Name));

    // As System.CommandLine writes a subcommand's arguments in its parent's list.
    static string Default(Argument a) => $"<{a.HelpName ?? a.Name}>";

    // As it writes them in the command's own usage line: [<NAME>] when it may be left out, <PATH>... when it takes more.
    static string WithArity(Argument a)
    {
        var label = Default(a) + (a.Arity.MaximumNumberOfValues > 1 ? "..." : "");
        return a.Arity.MinimumNumberOfValues == 0 ? $"[{label}]" : label;
    }
}
