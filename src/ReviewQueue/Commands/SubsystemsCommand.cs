using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Storage;
using ReviewQueue.Subsystems;
using Spectre.Console;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue subsystems [--json]: every MAINTAINERS section with its maintainers and series count.</summary>
public static class SubsystemsCommand
{
    public static Command Create(GlobalOptions global)
    {
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var command = new Command("subsystems", "Every MAINTAINERS section with its maintainers and how many series touch it") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CommandHost.BuildReading(parse, global, Console.Error, out var failure);
            if (host is null)
                return failure;
            var source = host.Services.GetRequiredService<MaintainersSource>();
            var snapshot = source.Load(null, null, null, out var problem);
            if (snapshot is not null)
                await source.StoreAsync(snapshot, cancellationToken);
            var rows = await host.Services.GetRequiredService<SubsystemStore>().AllAsync(cancellationToken);
            if (snapshot is null && rows.Count == 0)
            {
                Console.Error.WriteLine($"reviewqueue: subsystems: {problem}");
                return ExitCodes.Config;
            }
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(rows.Select(r => new
                {
                    r.Name, r.Status,
                    Maintainers = JsonSerializer.Deserialize<string[]>(r.Maintainers),
                    Reviewers = JsonSerializer.Deserialize<string[]>(r.Reviewers),
                    Lists = JsonSerializer.Deserialize<string[]>(r.Lists),
                    r.SeriesCount,
                }), JsonOutput.Options));
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("section", "status", "maintainers", "series");
            foreach (var r in rows)
                table.AddRow(Shown.Escape(r.Name), Shown.Escape(r.Status ?? ""),
                    Shown.Escape(string.Join(", ", JsonSerializer.Deserialize<string[]>(r.Maintainers)!)), r.SeriesCount.ToString());
            Terminal.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
