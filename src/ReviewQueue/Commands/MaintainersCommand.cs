using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Subsystems;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue maintainers [--maintainers FILE | --tree NAME] [--tree-files LIST] PATH... [--json]</summary>
public static class MaintainersCommand
{
    public static Command Create(GlobalOptions global)
    {
        var file = new Option<string?>("--maintainers") { Description = "A MAINTAINERS file (instead of Maintainers in the configuration)" };
        var tree = new Option<string?>("--tree") { Description = "A tree from Trees: MAINTAINERS at its branch head" };
        var treeFiles = new Option<string?>("--tree-files") { Description = "The tree's paths, one a line (decides which patterns name directories)" };
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var suggest = new Option<bool>("--suggest") { Description = "Also suggest reviewers for the paths taken together (M:, R:, recent Reviewed-by/Acked-by in the tree)" };
        var author = new Option<string?>("--author") { Description = "The author's address, left out of suggestions" };
        var paths = new Argument<string[]>("PATH") { Description = "Paths in the tree", Arity = ArgumentArity.OneOrMore };
        var command = new Command("maintainers", "Sections and recipients for paths, as get_maintainer.pl --nogit -f PATH") { file, tree, treeFiles, json, suggest, author, paths };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CommandHost.Build(parse, global, Console.Error, out var failure);
            if (host is null)
                return failure;
            var source = host.Services.GetRequiredService<MaintainersSource>();
            var snapshot = source.Load(parse.GetValue(file), parse.GetValue(tree), parse.GetValue(treeFiles), out var problem);
            if (snapshot is null)
            {
                Console.Error.WriteLine($"reviewqueue: maintainers: {problem}");
                return ExitCodes.Config;
            }
            await source.StoreAsync(snapshot, cancellationToken);
            var map = snapshot.Map;
            var answers = parse.GetValue(paths)!.Select(p => (Path: p, Answer: map.ForPath(p, content: snapshot.Content))).ToList();
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
}
