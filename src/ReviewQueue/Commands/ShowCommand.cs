using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.Trees;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue show ID|MSGID [--json]: one topic, every revision, every patch's trailers.</summary>
public static class ShowCommand
{
    public static Command Create(GlobalOptions global)
    {
        var id = new Argument<string>("id") { Description = "A topic id (from `series`) or the Message-ID of any mail in it" };
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var command = new Command("show", "Show a topic: its revisions, patches, trailers and state; with --json also where each patch was merged and whether each revision applies to the watched trees, and on what base") { id, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CommandHost.Build(parse, global, Console.Error);
            if (host is null)
                return ExitCodes.Config;
            var data = await host.Services.GetRequiredService<TopicStore>().FindAsync(parse.GetValue(id)!, cancellationToken);
            if (data is null)
            {
                Console.Error.WriteLine($"reviewqueue: show: no topic holds {parse.GetValue(id)}");
                return ExitCodes.NoInput;
            }
            var topic = JsonSerializer.Deserialize<TopicView>(data, JsonOutput.Options)!;
            if (parse.GetValue(json))
            {
                // What the watched trees say of each revision now (applies, base): checked in memory.
                var node = JsonNode.Parse(data)!.AsObject();
                await RevisionApplies.AddToAsync(node, topic, host.Services.GetRequiredService<RevisionCheck>(), cancellationToken);
                Console.WriteLine(node.ToJsonString(JsonOutput.Options));
                return ExitCodes.Ok;
            }
            Console.Write(TopicText.Render(topic));
            return ExitCodes.Ok;
        });
        return command;
    }
}
