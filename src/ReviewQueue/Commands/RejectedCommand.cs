using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Storage;
using Spectre.Console;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue rejected [--json]: the mails that could not be read, with the reasons.</summary>
public static class RejectedCommand
{
    public static Command Create(GlobalOptions global)
    {
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var command = new Command("rejected", "List the mails that could not be read, with the reasons") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CommandHost.BuildReading(parse, global, Console.Error, out var failure);
            if (host is null)
                return failure;
            var rows = await host.Services.GetRequiredService<MessageStore>().RejectedAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                var items = rows.Select(r => new
                {
                    r.Id, r.Sha256, r.Source, r.Arrived, r.RawSize,
                    Reasons = JsonDocument.Parse(r.Reasons).RootElement,
                });
                Console.WriteLine(JsonSerializer.Serialize(items, JsonOutput.Options));
                return ExitCodes.Ok;
            }
            if (rows.Count == 0)
            {
                Console.WriteLine("no rejected mail");
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("id", "source", "bytes", "reasons");
            foreach (var r in rows)
            {
                var reasons = JsonDocument.Parse(r.Reasons).RootElement.EnumerateArray()
                    .Select(p => $"{p.GetProperty("code").GetString()}: {p.GetProperty("detail").GetString()}");
                table.AddRow(r.Id.ToString(), Shown.Escape(r.Source), r.RawSize.ToString(), Shown.Escape(string.Join("; ", reasons)));
            }
            Terminal.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
