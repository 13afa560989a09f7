using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Series;
using ReviewQueue.Trees;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue show ID|MSGID [--json]: one topic, every revision, every patch's trailers.</summary>
public static class ShowCommand
{
    public static Command Create(GlobalOptions global)
    {
        var id = TopicArgument.Create("show", "A topic id (from `series`) or the Message-ID of any mail in it (or its lore link)");
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var command = new Command("show", "Show a topic: its revisions, patches, trailers and state; with --json also where each patch was merged and whether each revision applies to the watched trees, and on what base") { id, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CommandHost.BuildReading(parse, global, Console.Error, out var failure);
            if (host is null)
                return failure;
            if (await StoredTopic.FindAsync(host.Services, "show", TopicArgument.Value(parse, id), cancellationToken) is not { } found)
                return ExitCodes.NoInput;
            if (parse.GetValue(json))
            {
                // What the watched trees say of each revision now (applies, base): checked in memory.
                var shown = await RevisionApplies.ShowJsonAsync(found.Data, host.Services.GetRequiredService<RevisionCheck>(), cancellationToken);
                Console.WriteLine(shown.ToJsonString(JsonOutput.Options));
                return ExitCodes.Ok;
            }
            Console.Write(Shown.Lines(TopicText.Render(found.Topic)));
            return ExitCodes.Ok;
        });
        return command;
    }
}
