using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Trees;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue check MSGID [--tree NAME] [--json]: does a stored patch apply to the watched branches, and on what base.</summary>
public static class CheckCommand
{
    public static Command Create(GlobalOptions global)
    {
        var id = new Argument<string>("msgid") { Description = "Message-ID of a stored patch mail (series IDs come with series assembly)" };
        var tree = new Option<string?>("--tree") { Description = "Only this tree" };
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var command = new Command("check", "Check a patch against the watched branch heads: applies, already present or conflicts, and its base")
        {
            id, tree, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CommandHost.Build(parse, global, Console.Error);
            if (host is null)
                return ExitCodes.Config;
            PatchCheckReport report;
            try
            {
                report = await host.Services.GetRequiredService<PatchCheck>().CheckAsync(parse.GetValue(id)!, parse.GetValue(tree), cancellationToken);
            }
            catch (PatchCheck.NotFound e)
            {
                Console.Error.WriteLine($"reviewqueue: check: {e.Message}");
                return ExitCodes.NoInput;
            }
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(report, JsonOutput.Options));
                return ExitCodes.Ok;
            }
            Console.WriteLine($"{report.MessageId}: {report.Title}");
            foreach (var b in report.Branches)
            {
                Console.WriteLine($"  {b.Tree} {b.Branch} ({b.Head?[..12] ?? "?"}): {b.Status}");
                foreach (var p in b.Problems)
                    Console.WriteLine($"    {p}");
            }
            foreach (var b in report.Bases)
                Console.WriteLine($"  base in {b.Tree}: {(b.Sha is null ? "not found" : $"{b.Sha[..12]} on {b.Branch ?? "no watched branch"} ({b.How})")}{(b.Note is null ? "" : $"; {b.Note}")}");
            foreach (var m in report.Merges)
                Console.WriteLine($"  merged in {m.Tree} {m.Branch} as {m.Sha[..12]} ({m.Evidence})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
