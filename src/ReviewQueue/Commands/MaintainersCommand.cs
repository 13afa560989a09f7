using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Git.Maintainers;
using ReviewQueue.Subsystems;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue maintainers [--maintainers FILE | --tree NAME] [--tree-files LIST] PATH... [--json]</summary>
public static class MaintainersCommand
{
    public static Command Create(GlobalOptions global)
    {
        var file = new Option<string?>("--maintainers") { Description = "A MAINTAINERS file (instead of Maintainers in the configuration)", HelpName = "FILE" };
        var tree = new Option<string?>("--tree") { Description = "A tree from Trees: MAINTAINERS at its first branch's head", HelpName = "NAME" };
        var treeFiles = new Option<string?>("--tree-files") { Description = "The tree's paths, one a line (decides which patterns name directories)", HelpName = "FILE" };
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var suggest = new Option<bool>("--suggest") { Description = "Also suggest reviewers for the paths taken together (M:, R:, recent Reviewed-by/Acked-by in the tree)" };
        var author = new Option<string?>("--author") { Description = "The author's address, left out of suggestions", HelpName = "EMAIL" };
        var paths = new Argument<string[]>("PATH") { Description = "Paths in the tree", Arity = ArgumentArity.OneOrMore };
        var command = new Command("maintainers", "Sections and recipients for paths, as get_maintainer.pl --nogit -f PATH") { file, tree, treeFiles, json, suggest, author, paths };
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
            var given = parse.GetValue(paths)!;
            var lookedUp = given.Select(p => Canonical(p, snapshot.PathKind)).ToList();
            var missing = given.Where((_, i) => lookedUp[i] is null).ToList();
            if (missing.Count > 0)
            {
                var where = snapshot.Commit is null ? "the tree's file list" : $"the tree at {snapshot.Commit[..12]}";
                foreach (var path in missing)
                    Console.Error.WriteLine($"reviewqueue: maintainers: file '{path}' not found in {where}");
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
                suggestions = ReviewerSuggestions.For(series, parse.GetValue(author), repo, branch, time.GetUtcNow(), fetched: fetched);
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
            if (suggestions.Count > 0)
            {
                Console.WriteLine("suggested reviewers:");
                foreach (var s in suggestions)
                    Console.WriteLine($"  {s.Name} <{s.Email}> ({s.Reason})");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The path get_maintainer.pl looks up, or null when the tree has no such file or directory.</summary>
    static string? Canonical(string path, Func<string, TreePathKind>? kind)
    {
        var canonical = string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(part => part != "."));
        return kind?.Invoke(canonical) switch
        {
            null => path.EndsWith('/') ? canonical + "/" : canonical,
            TreePathKind.Directory => canonical + "/",
            TreePathKind.File => canonical,
            _ => null,
        };
    }
}
