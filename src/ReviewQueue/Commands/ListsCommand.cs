using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Storage;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue lists [--json]: the lists ReviewQueue subscribed to, their state, and the mail received from each.</summary>
public static class ListsCommand
{
    public static Command Create(GlobalOptions global)
    {
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var command = new Command("lists", "Show the mailing lists ReviewQueue subscribed to") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CommandHost.BuildReading(parse, global, Console.Error, out var failure);
            if (host is null)
                return failure;
            var lists = await host.Services.GetRequiredService<ListStore>().ListAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(lists.Select(l => new
                {
                    l.Address, l.ListId, l.Software, l.Account, l.Subscriber, State = l.Shown, l.Requested, l.Confirmed, l.Messages,
                }), JsonOutput.Options));
                return ExitCodes.Ok;
            }
            if (lists.Count == 0)
            {
                Console.WriteLine("no lists: subscribe with `reviewqueue subscribe LIST-ADDRESS`");
                return ExitCodes.Ok;
            }
            Console.WriteLine($"{"LIST",-36} {"STATE",-10} {"MESSAGES",8}  LIST-ID");
            foreach (var l in lists)
                Console.WriteLine(Shown.Visible($"{l.Address,-36} {l.Shown,-10} {l.Messages,8}  {l.ListId}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
