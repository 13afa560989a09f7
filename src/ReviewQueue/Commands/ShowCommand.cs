using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Series;
using ReviewQueue.Storage;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue show ID|MSGID [--json]: one topic, every revision, every patch's trailers.</summary>
public static class ShowCommand
{
    public static Command Create(GlobalOptions global)
    {
        var id = new Argument<string>("id") { Description = "A topic id (from `series`) or the Message-ID of any mail in it" };
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var command = new Command("show", "Show a topic: its revisions, patches, trailers and state") { id, json };
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
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(JsonDocument.Parse(data).RootElement, JsonOutput.Options));
                return ExitCodes.Ok;
            }
            var topic = JsonSerializer.Deserialize<TopicView>(data, JsonOutput.Options)!;
            Console.Write(TopicText.Render(topic));
            return ExitCodes.Ok;
        });
        return command;
    }
}
