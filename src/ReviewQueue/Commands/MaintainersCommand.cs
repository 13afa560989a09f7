using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Git.Maintainers;
using ReviewQueue.Subsystems;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue maintainers [--maintainers FILE | --tree NAME] [--tree-files LIST] [PATH|PATCH|-]... [--json]</summary>
public static class MaintainersCommand
{
    public static Command Create(GlobalOptions global)
    {
        var file = new Option<string?>("--maintainers") { Description = "A MAINTAINERS file (instead of Maintainers in the configuration)", HelpName = "FILE" };
        var tree = new Option<string?>("--tree") { Description = "A tree from Trees: MAINTAINERS at its first branch's head", HelpName = "NAME" }.Refused("maintainers");
        var treeFiles = new Option<string?>("--tree-files") { Description = "The tree's paths, one a line (decides which patterns name directories)", HelpName = "FILE" };
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var suggest = new Option<bool>("--suggest") { Description = "Also suggest reviewers for the paths taken together (M:, R:, recent Reviewed-by/Acked-by in the tree)" };
        var author = new Option<string?>("--author") { Description = "The author's address, left out of suggestions", HelpName = "EMAIL" };
        var noRoles = new Option<bool>("--norolestats") { Description = "Patch files: addresses alone, without their roles (for git send-email --cc-cmd)" };
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Paths in the tree, or patch files (a file here that is no path of the tree and holds a diff); - or none: a patch on standard input",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("maintainers", "Sections and recipients for paths, as get_maintainer.pl --nogit -f PATH, or for patch files as get_maintainer.pl --nogit PATCH") { file, tree, treeFiles, json, suggest, author, noRoles, paths };
        command.Validators.Add(result =>
        {
            var values = result.GetValue(paths) ?? [];
            // As get_maintainer.pl: with no file it reads the patch from stdin, unless a user at a terminal forgot the path.
            if (values.Length == 0 && !Console.IsInputRedirected)
                result.AddError("reviewqueue: maintainers: missing PATH or PATCH (or a patch on standard input)");
            // get_maintainer.pl "" dies "file '' not found": a script's unset variable, not "." (THE REST) nor a path missing (66).
            if (values.Any(string.IsNullOrWhiteSpace))
                result.AddError("reviewqueue: maintainers: PATH is empty");
            // Standard input holds one patch and is read once: a second "-" would read nothing.
            if (values.Count(v => v == StandardInput) > 1)
                result.AddError("reviewqueue: maintainers: - (standard input) given more than once");
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CommandHost.Build(parse, global, Console.Error, out var failure);
            if (host is null)
                return failure;
            // One typed here is a usage error; a wrong Maintainers:Tree stays a configuration error (78).
            if (TreeName.IsUnknown(host.Services, parse.GetValue(tree), "maintainers"))
                return ExitCodes.Usage;
            var source = host.Services.GetRequiredService<MaintainersSource>();
            var snapshot = source.Load(parse.GetValue(file), parse.GetValue(tree), parse.GetValue(treeFiles), out var problem);
            if (snapshot is null)
            {
                Console.Error.WriteLine($"reviewqueue: maintainers: {problem}" +
                    (problem == MaintainersSource.NoneConfigured ? ", or give --maintainers FILE or --tree NAME" : ""));
                return ExitCodes.Config;
            }
            // As get_maintainer.pl -f: the path canonical ("./" parts and doubled slashes gone), a directory with its
            // slash (so "drivers/hwmon" matches F: drivers/hwmon/), and one that is neither a file nor a directory of
            // the tree refused ("file 'X' not found", before any output): a typo would otherwise be answered by the
            // catch-all sections alone. Without a tree or a file list nothing tells, and every path is answered.
            var given = parse.GetValue(paths) is { Length: > 0 } some ? some : [StandardInput];
            // As get_maintainer.pl without -f: an argument that is not a path of the tree is read as a patch file; here only
            // when it is a file on disk that holds a diff, so a mistyped tree path is still refused below. Standard input is
            // always a patch, as the script reads it (with no diff, a warning and its K: keywords alone).
            var patches = given.Select(p => p == StandardInput ? ReadStandardInput() : PatchText(p, snapshot.PathKind)).ToList();
            if (patches.Any(p => p is not null))
                return await PatchesAsync(parse, source, snapshot, given, patches, json, suggest, author, tree, noRoles, host.Services, cancellationToken);
            var lookedUp = given.Select(p => Canonical(p, snapshot.PathKind)).ToList();
            var missing = given.Where((_, i) => lookedUp[i] is null).ToList();
            if (missing.Count > 0)
            {
                foreach (var path in missing)
                    Console.Error.WriteLine($"reviewqueue: maintainers: file '{path}' not found in {Where(snapshot)}");
                return ExitCodes.NoInput;
            }
            await source.StoreAsync(snapshot, cancellationToken);
            var map = snapshot.Map;
            var answers = given.Select((p, i) => (Path: p, Answer: map.ForPath(lookedUp[i]!, content: snapshot.Content))).ToList();
            IReadOnlyList<ReviewerSuggestion> suggestions = [];
            if (parse.GetValue(suggest))
            {
                // The paths as one series: a patch touching all of them.
                var series = map.ForPatch(string.Concat(answers.Select(a => $"diff --git a/{a.Path} b/{a.Path}\n")), snapshot.Content);
                var (repo, branch, fetched) = source.TreeOf(parse.GetValue(tree));
                var time = host.Services.GetRequiredService<TimeProvider>();
                suggestions = ReviewerSuggestions.For(series, map.Mailmap, parse.GetValue(author), repo, branch, time.GetUtcNow(), fetched: fetched);
            }
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    Paths = answers.Select(a => new
                    {
                        a.Path,
                        Sections = a.Answer.Sections.Select(s => new { s.Section.Name, s.Depth }),
                        Recipients = a.Answer.Recipients.Select(r => new { r.Address, r.Role }),
                    }),
                    SuggestedReviewers = suggestions,
                }, JsonOutput.Options));
                return ExitCodes.Ok;
            }
            foreach (var (path, answer) in answers)
            {
                if (answers.Count > 1)
                    Console.WriteLine($"{path}:");
                Console.WriteLine("  sections: " + string.Join(" | ", answer.Sections.Select(s => s.Section.Name)));
                foreach (var r in answer.Recipients)
                    Console.WriteLine(answers.Count > 1 ? "  " + r : r.ToString());
            }
            WriteSuggestions(suggestions);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Patch files (and any tree paths given with them) answered together, as get_maintainer.pl answers several
    /// arguments: one recipient list in its format, nothing else on stdout, so the command serves as --cc-cmd.
    /// </summary>
    static async Task<int> PatchesAsync(ParseResult parse, MaintainersSource source, MaintainersSnapshot snapshot, string[] given,
        List<string?> patches, Option<bool> json, Option<bool> suggest, Option<string?> author, Option<string?> tree,
        Option<bool> noRoles, IServiceProvider services, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        for (int i = 0; i < given.Length; i++)
        {
            if (patches[i] is { } text)
            {
                texts.Add(text);
                // As get_maintainer.pl warns and goes on (exit 0): only its K: keywords can name anyone.
                if (ReviewQueue.Core.Subsystems.PatchFiles.Read(text, null).Paths.Count == 0)
                    Console.Error.WriteLine($"reviewqueue: maintainers: file '{given[i]}' doesn't appear to be a patch (a mail without a diff, e.g. a cover letter)");
            }
            else if (Canonical(given[i], snapshot.PathKind) is { } path)
                texts.Add($"diff --git a/{path} b/{path}\n");
            else
            {
                Console.Error.WriteLine($"reviewqueue: maintainers: file '{given[i]}' not found in {Where(snapshot)}");
                return ExitCodes.NoInput;
            }
        }
        await source.StoreAsync(snapshot, cancellationToken);
        var answer = snapshot.Map.ForPatches(texts, snapshot.Content);
        IReadOnlyList<ReviewerSuggestion> suggestions = [];
        if (parse.GetValue(suggest))
        {
            var (repo, branch, fetched) = source.TreeOf(parse.GetValue(tree));
            var time = services.GetRequiredService<TimeProvider>();
            suggestions = ReviewerSuggestions.For(answer, snapshot.Map.Mailmap, parse.GetValue(author), repo, branch, time.GetUtcNow(), fetched: fetched);
        }
        if (parse.GetValue(json))
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                Files = answer.Paths,
                Sections = answer.Sections.Select(s => new { s.Section.Name, s.Depth }),
                KeywordSections = answer.KeywordSections.Select(s => s.Name),
                Recipients = answer.Recipients.Select(r => new { r.Address, r.Role }),
                SuggestedReviewers = suggestions,
            }, JsonOutput.Options));
            return ExitCodes.Ok;
        }
        bool roles = !parse.GetValue(noRoles);
        foreach (var r in answer.Recipients)
            Console.WriteLine(roles ? r.ToString() : r.Address);
        WriteSuggestions(suggestions);
        return ExitCodes.Ok;
    }

    /// <summary>The argument that names standard input (as for import; get_maintainer.pl reads it when given no file).</summary>
    const string StandardInput = "-";

    /// <summary>Standard input read as <see cref="PatchText"/> reads a file: bytes as Perl reads them.</summary>
    static string ReadStandardInput()
    {
        using var stdin = Console.OpenStandardInput();
        using var bytes = new MemoryStream();
        stdin.CopyTo(bytes);
        return System.Text.Encoding.Latin1.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
    }

    /// <summary>The text of an argument that is a patch file: on disk, no path of the tree, and holding a diff, or a
    /// mail without one (git format-patch's cover letter, which git send-email hands to --cc-cmd like every patch).</summary>
    static string? PatchText(string argument, Func<string, TreePathKind>? kind)
    {
        if (!File.Exists(argument))
            return null;
        if (kind?.Invoke(Normalized(argument)) is TreePathKind.File or TreePathKind.Directory)
            return null;
        // Bytes as Perl reads an undecoded file: one char each, so K: regexes see what the script sees.
        var text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(argument));
        return ReviewQueue.Core.Subsystems.PatchFiles.Read(text, null).Paths.Count > 0 || IsMail(text) ? text : null;
    }

    /// <summary>Whether a file starts as a mail does: an mbox "From " line or a header, and a Subject: before the first
    /// blank line. A source file of the tree never does, so a mistyped tree path is still refused.</summary>
    static bool IsMail(string text)
    {
        using var lines = new StringReader(text);
        var first = lines.ReadLine();
        if (first is null || !(first.StartsWith("From ", StringComparison.Ordinal) || MailHeader.IsMatch(first)))
            return false;
        for (var line = first; !string.IsNullOrEmpty(line); line = lines.ReadLine())
            if (line.StartsWith("Subject:", StringComparison.OrdinalIgnoreCase))
                return true;
        return false;
    }

    static readonly Regex MailHeader = new(@"^[A-Za-z][A-Za-z0-9-]*:", RegexOptions.CultureInvariant);

    /// <summary>The path get_maintainer.pl looks up, or null when the tree has no such file or directory.</summary>
    static string? Canonical(string path, Func<string, TreePathKind>? kind)
    {
        var canonical = Normalized(path);
        return kind?.Invoke(canonical) switch
        {
            null => path.EndsWith('/') ? canonical + "/" : canonical,
            TreePathKind.Directory => canonical + "/",
            TreePathKind.File => canonical,
            _ => null,
        };
    }

    /// <summary>A path as get_maintainer.pl canonicalises it: "./" parts and doubled slashes gone, no trailing slash.</summary>
    static string Normalized(string path) =>
        string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(part => part != "."));

    /// <summary>Where a path was looked for, for "file 'X' not found in …".</summary>
    static string Where(MaintainersSnapshot snapshot) =>
        snapshot.Commit is null ? "the tree's file list" : $"the tree at {snapshot.Commit[..12]}";

    static void WriteSuggestions(IReadOnlyList<ReviewerSuggestion> suggestions)
    {
        if (suggestions.Count == 0)
            return;
        Console.WriteLine("suggested reviewers:");
        foreach (var s in suggestions)
            Console.WriteLine(Shown.Visible($"  {s.Name} <{s.Email}> ({s.Reason})"));
    }
}
