using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewQueue.Configuration;
using ReviewQueue.Trees;

namespace ReviewQueue.Commands;

/// <summary>
/// reviewqueue check ID|MSGID [--tree NAME] [--json]: does it apply to the watched branches, and on
/// what base. A topic id or a cover letter's Message-ID checks the topic's newest revision, patch
/// by patch in series order; a patch's Message-ID checks that patch alone.
/// </summary>
public static class CheckCommand
{
    public static Command Create(GlobalOptions global)
    {
        var id = TopicArgument.Create("check", "A topic id or a cover letter's Message-ID (the newest revision, in order), or a patch's Message-ID (that patch), or its lore link");
        var tree = new Option<string?>("--tree") { Description = "Only this tree (a Name in Trees)", HelpName = "NAME" }.Refused("check");
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var command = new Command("check", "Check a patch against the watched branch heads: applies, already present or conflicts, and its base")
        {
            id, tree, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CommandHost.BuildReading(parse, global, Console.Error, out var failure);
            if (host is null)
                return failure;
            if (TreeName.IsUnknown(host.Services, parse.GetValue(tree), "check"))
                return ExitCodes.Usage;
            // Nothing to check against is the configuration's doing (78, as `subsystems` without a MAINTAINERS), not a
            // missing message (66).
            if (host.Services.GetRequiredService<IOptions<TreeList>>().Value.Trees.Count == 0)
            {
                Console.Error.WriteLine("reviewqueue: check: no trees are configured (Trees in appsettings.json)");
                return ExitCodes.Config;
            }
            var key = TopicArgument.Value(parse, id);
            PatchCheckReport report;
            try
            {
                if (await IsRevisionAsync(host.Services, key, cancellationToken))
                    return await RevisionAsync(host.Services, key, parse.GetValue(tree), parse.GetValue(json), cancellationToken);
                report = await host.Services.GetRequiredService<PatchCheck>().CheckAsync(key, parse.GetValue(tree), cancellationToken);
            }
            catch (PatchCheck.NotFound e)
            {
                Console.Error.WriteLine($"reviewqueue: check: {e.Message}");
                return ExitCodes.NoInput;
            }
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(report, JsonOutput.Options));
                return Misconfigured(host.Services, parse.GetValue(tree));
            }
            Line($"{report.MessageId}: {report.Title}");
            foreach (var b in report.Branches)
            {
                Line($"  {b.Tree} {b.Branch} ({b.Head?[..12] ?? "?"}): {Verdict(b)}");
                foreach (var p in b.Problems)
                    Line($"    {p}");
            }
            foreach (var b in report.Bases)
                Line($"  base in {b.Tree}: {(b.Sha is null ? "not found" : $"{b.Sha[..12]} on {b.Branch ?? "no watched branch"} ({b.How})")}{(b.Note is null ? "" : $"; {b.Note}")}");
            foreach (var m in report.Merges)
                Line($"  merged in {m.Tree} {m.Branch} as {m.Sha[..12]} ({m.Evidence})");
            return Misconfigured(host.Services, parse.GetValue(tree));
        });
        return command;
    }

    /// <summary>
    /// After the verdicts: a tree checked against whose Path is no repository (and will not become one) is the
    /// configuration's mistake, said on stderr naming the key, exit 78 as at any start; else 0.
    /// </summary>
    static int Misconfigured(IServiceProvider services, string? only)
    {
        var trees = services.GetRequiredService<IOptions<TreeList>>().Value;
        var problems = trees.Trees.Where(t => only is null || t.Name == only).Select(t => TreePath.Problem(trees, t)).OfType<string>().ToList();
        foreach (var problem in problems)
            Console.Error.WriteLine($"reviewqueue: check: {problem}");
        return problems.Count > 0 ? ExitCodes.Config : ExitCodes.Ok;
    }

    /// <summary>The status, and for a patch already in the branch what that means (its forward failures are left out).</summary>
    static string Verdict(BranchVerdict b) =>
        b.Status == "already-present" ? "already-present: already there (the patch applies in reverse)" : b.Status;

    /// <summary>A topic id, or the Message-ID of a cover letter: the check is of a whole revision.</summary>
    static async Task<bool> IsRevisionAsync(IServiceProvider services, string key, CancellationToken cancellationToken)
    {
        var data = await services.GetRequiredService<Storage.TopicStore>().FindAsync(key, cancellationToken);
        if (data is null)
            return false;
        var topic = Series.TopicView.Read(data);
        var normalized = key.Trim().Trim('<', '>');
        return topic.Id == normalized || topic.Revisions.Any(r => r.CoverMessageId == normalized);
    }

    static async Task<int> RevisionAsync(IServiceProvider services, string key, string? tree, bool json, CancellationToken cancellationToken)
    {
        var report = (await services.GetRequiredService<RevisionCheck>().CheckAsync(key, tree, cancellationToken))!;
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(report, JsonOutput.Options));
            return Misconfigured(services, tree);
        }
        Line($"{report.TopicId} {report.Version}: {report.Title}");
        foreach (var m in report.Missing)
            Line($"  [{m}] missing from this revision");
        foreach (var p in report.Patches)
        {
            Line($"  {p.Index} <{p.MessageId}> {p.Title}");
            foreach (var b in p.Branches)
            {
                Line($"      {b.Tree} {b.Branch} ({b.Head?[..12] ?? "?"}): {Verdict(b)}");
                foreach (var problem in b.Problems)
                    Line($"        {problem}");
            }
            foreach (var m in p.Merges)
                Line($"      merged in {m.Tree} {m.Branch} as {m.Sha[..12]} ({m.Evidence})");
        }
        foreach (var b in report.Bases)
            Line($"  base in {b.Tree}: {(b.Sha is null ? "not found" : $"{b.Sha[..12]} on {b.Branch ?? "no watched branch"} ({b.How})")}{(b.Note is null ? "" : $"; {b.Note}")}");
        return Misconfigured(services, tree);
    }

    // Titles, Message-IDs and problems come from mail: their control characters shown, not sent to the terminal.
    static void Line(string text) => Console.WriteLine(Shown.Visible(text));
}
