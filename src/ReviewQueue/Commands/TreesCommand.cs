using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewQueue.Configuration;
using ReviewQueue.Storage;
using ReviewQueue.Trees;
using Spectre.Console;
using ReviewQueue.Core;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue trees [--json] | trees sync [NAME] [--json]</summary>
public static class TreesCommand
{
    public static Command Create(GlobalOptions global)
    {
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var command = new Command("trees", "The watched git trees: branches, last sync, commits indexed, merges found") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CommandHost.BuildReading(parse, global, Console.Error, out var failure);
            if (host is null)
                return failure;
            var configured = host.Services.GetRequiredService<IOptions<TreeList>>().Value.Trees;
            var store = host.Services.GetRequiredService<TreeStore>();
            var branches = await store.BranchesAsync(cancellationToken);
            var merges = await store.MergeCountsAsync(cancellationToken);
            var items = configured.Select(t => new
            {
                t.Name,
                t.Path,
                // A URL's user information may be a password or a token: shown without it, as in the errors.
                Remote = t.Remote is null ? null : ReviewQueue.Git.Trees.RemoteUrl.Shown(t.Remote),
                Branches = t.Branches.Select(b =>
                {
                    var state = branches.FirstOrDefault(s => s.Tree == t.Name && s.Branch == b);
                    return new
                    {
                        Name = b,
                        Head = state?.Head,
                        LastSync = state?.Synced,
                        Commits = state?.Commits ?? 0,
                        Merges = merges.Where(m => m.Tree == t.Name && m.Branch == b)
                            .ToDictionary(m => m.Evidence, m => m.Count),
                    };
                }).ToList(),
            }).ToList();
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(items, JsonOutput.Options));
                return ExitCodes.Ok;
            }
            if (items.Count == 0)
            {
                Console.WriteLine("no trees configured (add \"Trees\" to appsettings.json)");
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("tree", "branch", "head", "last sync", "commits", "merged patches (evidence)");
            foreach (var t in items)
                foreach (var b in t.Branches)
                    table.AddRow(Shown.Escape(t.Name), Shown.Escape(b.Name), b.Head?[..12] ?? "never synced", b.LastSync ?? "",
                        b.Commits.ToString(), Shown.Escape(string.Join(", ", b.Merges.Select(m => $"{m.Value} {m.Key}"))));
            Terminal.Write(table);
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(CreateSync(global));
        return command;
    }

    static Command CreateSync(GlobalOptions global)
    {
        var name = new Argument<string?>("NAME") { Description = "Only this tree (a Name in Trees)", Arity = ArgumentArity.ZeroOrOne };
        // Given empty (a script's unset variable in quotes), it is no name: not one looked for among the trees.
        name.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.GetValueOrDefault<string?>()))
                result.AddError("reviewqueue: trees sync: NAME is empty");
        });
        var json = new Option<bool>("--json") { Description = "Print the outcome as JSON" };
        var command = new Command("sync", "Fetch the watched trees, index their new commits and record merged patches") { name, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CommandHost.Build(parse, global, Console.Error, out var failure);
            if (host is null)
                return failure;
            var only = parse.GetValue(name);
            if (TreeName.IsUnknown(host.Services, only, "trees sync"))
                return ExitCodes.Usage;
            var sync = host.Services.GetRequiredService<TreeSync>();
            TreeSyncReport report;
            // Bars only for a person at a terminal (as import decides): piped or --json, the output is the lines below alone.
            if (!parse.GetValue(json) && !Console.IsOutputRedirected && !Console.IsErrorRedirected)
            {
                TreeSyncReport? shown = null;
                await AnsiConsole.Progress().Columns([.. SyncProgressBars.Columns])
                    .StartAsync(async context => shown = await sync.SyncAsync(only, new SyncProgressBars(context), cancellationToken));
                report = shown!;
            }
            else
                report = await sync.SyncAsync(only, cancellationToken);
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(report, JsonOutput.Options));
            else
            {
                foreach (var b in report.Branches)
                {
                    var what = b.Problem is not null ? $"failed: {b.Problem}"
                        : $"{Counted.Of(b.NewCommits, "new commit", "new commits")}{(b.Rewritten ? " (rewritten since last sync)" : "")}{(b.Truncated ? " (first sync: newest only)" : "")}";
                    Console.WriteLine($"{b.Tree} {b.Branch}: {what} in {b.Seconds:0.000} s");
                }
                Console.WriteLine($"patch keys read: {report.NewPatchKeys}, merges recorded: {report.NewMerges}, total {report.Seconds:0.000} s");
            }
            // A Path that is no repository is the configuration's mistake (78); another failure, such as a fetch, may pass (75).
            return report.Branches.Any(b => b.Misconfigured) ? ExitCodes.Config
                : report.Branches.Any(b => b.Problem is not null) ? ExitCodes.TempFail : ExitCodes.Ok;
        });
        return command;
    }
}
