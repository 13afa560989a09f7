using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Debt;
using ReviewQueue.Storage;
using Spectre.Console;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue backlog [--subsystem S] [--as-of DATE] [--json | --csv]: review debt per MAINTAINERS section, worst first.</summary>
public static class BacklogCommand
{
    public static Command Create(GlobalOptions global)
    {
        var subsystem = new Option<string?>("--subsystem") { Description = "One MAINTAINERS section (its name in any case), with the series waiting in it", HelpName = "SECTION" }.Refused("backlog");
        var asOf = new Option<string?>("--as-of") { Description = "The debt at the end of this past day (YYYY-MM-DD; today: now), recomputed from the ledger's events", HelpName = "DATE" };
        var json = new Option<bool>("--json") { Description = "Print as JSON (the same as /api/backlog)" };
        var csv = new Option<bool>("--csv") { Description = "Print as CSV" };
        var command = new Command("backlog", "Review debt per subsystem: what waits unreviewed, for how long, fixes first") { subsystem, asOf, json, csv };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(json) && parse.GetValue(csv))
            {
                Console.Error.WriteLine("reviewqueue: backlog: give --json or --csv, not both");
                return ExitCodes.Usage;
            }
            if (!TryDay(parse.GetValue(asOf), "backlog", out var day))
                return ExitCodes.Usage;
            var name = parse.GetValue(subsystem);
            bool told = false;
            if (parse.GetValue(json) && name is null && day is null)
            {
                // Every section now: the JSON stored at the last refresh, read without building the host.
                var ledger = CommandHost.ReadLedger(parse, global, Console.Error, out var unread, out told);
                if (ledger is null)
                    return unread;
                if (await Backlog.JsonNowAsync(new DebtStore(ledger), cancellationToken) is { } stored)
                {
                    Console.WriteLine(stored);
                    return ExitCodes.Ok;
                }
            }
            // None stored (a ledger no rebuild measured yet): built here, and `reindex` said to be due once, not twice.
            using var host = CommandHost.BuildReading(parse, global, Console.Error, out var failure, checkReading: !told);
            if (host is null)
                return failure;
            var backlog = host.Services.GetRequiredService<Backlog>();
            var view = await backlog.DebtAsync(name, day, cancellationToken);
            if (view is null)
            {
                Console.Error.WriteLine($"reviewqueue: backlog: {(await backlog.MissAsync(name!, cancellationToken)).Message}");
                return ExitCodes.NoInput;
            }
            if (parse.GetValue(json))
                Console.WriteLine(DebtJson.Serialize(view));
            else if (parse.GetValue(csv))
                Console.Write(DebtText.Csv(view));
            else
            {
                Terminal.Write(DebtText.Subsystems(view));
                // As MAINTAINERS spells it. A section whose series were all reviewed or taken has its row, and no waiting list.
                if (view.Waiting is { Count: > 0 } waiting)
                    Terminal.Write(DebtText.Waiting(waiting, view.Subsystems[0].Name));
                else if (view.Waiting is not null)
                    Console.WriteLine($"Nothing waits for review in {view.Subsystems[0].Name}.");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    public static bool TryDay(string? text, string command, out DateOnly? day)
    {
        day = null;
        if (text is null)
            return true;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            Console.Error.WriteLine($"reviewqueue: {command}: --as-of {text}: not a date (YYYY-MM-DD)");
            return false;
        }
        if (Backlog.IsFuture(d, TimeProvider.System))
        {
            Console.Error.WriteLine($"reviewqueue: {command}: --as-of {text}: after today (UTC); debt is known up to now");
            return false;
        }
        day = d;
        return true;
    }
}
