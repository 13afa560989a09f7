using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Debt;
using Spectre.Console;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue people [--as-of DATE] [--json]: who reviews and who only submits, per person and per mail domain.</summary>
public static class PeopleCommand
{
    public static Command Create(GlobalOptions global)
    {
        var asOf = new Option<string?>("--as-of") { Description = "As of the end of this past day (YYYY-MM-DD), recomputed from the ledger's events", HelpName = "DATE" };
        var json = new Option<bool>("--json") { Description = "Print as JSON (the same as /api/people)" };
        var top = new Option<int>("--top") { Description = "Rows in each table (lowest balance first)", HelpName = "N", DefaultValueFactory = _ => 40 };
        var command = new Command("people", "Reviews given against reviews needed, per person and per email domain") { asOf, json, top };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!BacklogCommand.TryDay(parse.GetValue(asOf), "people", out var day))
                return ExitCodes.Usage;
            if (parse.GetValue(top) < 1)
            {
                Console.Error.WriteLine($"reviewqueue: people: --top {parse.GetValue(top)}: not a number of rows (1 or more)");
                return ExitCodes.Usage;
            }
            using var host = CommandHost.BuildReading(parse, global, Console.Error, out var failure);
            if (host is null)
                return failure;
            var report = await host.Services.GetRequiredService<Backlog>().PeopleAsync(day, cancellationToken);
            if (parse.GetValue(json))
                Console.WriteLine(DebtJson.Serialize(report));
            else
            {
                Terminal.Write(DebtText.People(report, parse.GetValue(top)));
                Terminal.Write(DebtText.Domains(report, parse.GetValue(top)));
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
