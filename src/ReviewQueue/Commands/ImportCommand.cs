using System.CommandLine;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewQueue.Configuration;
using ReviewQueue.Import;
using ReviewQueue.Storage;
using ReviewQueue.Subsystems;

namespace ReviewQueue.Commands;

/// <summary>reviewqueue import PATH... [--list-id ID] [--json]</summary>
public static class ImportCommand
{
    public static Command Create(GlobalOptions global)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "mbox (or .mbox.gz) or .eml file, maildir, public-inbox epoch (git repository) or inbox (git/N.git), or - for one message on stdin",
            Arity = ArgumentArity.OneOrMore,
        };
        var listId = new Option<string?>("--list-id") { Description = "The list these messages came from (overrides their List-Id)", HelpName = "ID" };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var command = new Command("import", "Import mail: every message stored once, unreadable ones kept with their reasons")
        {
            paths, listId, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var list = parse.GetValue(paths)!;
            // stdin holds one message and can be read once: a second "-" would read nothing and store an "Empty" rejection.
            int stdinAt = Array.IndexOf(list, "-");
            if (stdinAt >= 0 && Array.LastIndexOf(list, "-") != stdinAt)
            {
                Console.Error.WriteLine("reviewqueue: import: - (stdin) may be given once");
                return ExitCodes.Usage;
            }
            // A mail server's pipe: one delivery per mail, each would repeat the missing MAINTAINERS in the server's log.
            using var host = CommandHost.Build(parse, global, Console.Error, out var failure, list is ["-"]
                ? (services, _) => services.AddSingleton(new MaintainersNotice(SayMissing: false))
                : null, openLedger: false);
            if (host is null)
                return failure; // 78, or 75 for a --config file this user may not read (the mail server retries)
            var asJson = parse.GetValue(json);
            bool fromStdin = stdinAt >= 0;
            ImportSummary summary;
            try
            {
                // Resolving the runner opens the ledger (and migrates it): a locked or read-only
                // database must say 75 (retry later) like a failed batch, not crash.
                var runner = host.Services.GetRequiredService<ImportRunner>();
                // One message from a mail server: when `run` serves the ledger, its topics are the service's to
                // assemble (with whatever else arrived), not a rebuild of every topic per delivery.
                summary = await runner.RunAsync(list, parse.GetValue(listId),
                    showProgress: !asJson && !fromStdin && !Console.IsErrorRedirected && !Console.IsOutputRedirected,
                    stdin: null, cancellationToken, leaveToService: list is ["-"]);
            }
            catch (ImportProblem e)
            {
                Console.Error.WriteLine($"reviewqueue: import: {e.Message}");
                return ExitCodes.NoInput;
            }
            catch (LedgerTooNewException e)
            {
                // 75: a mail server keeps the mail queued until the newer program is back.
                var path = Path.GetFullPath(host.Services.GetRequiredService<IOptions<LedgerOptions>>().Value.Database);
                Console.Error.WriteLine($"reviewqueue: import: cannot open the ledger {path}: {e.Message}; nothing was stored");
                return ExitCodes.TempFail;
            }
            catch (SqliteException e)
            {
                Console.Error.WriteLine($"reviewqueue: import: storage failed, nothing of the last batch was stored: {e.Message}");
                return ExitCodes.TempFail;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"reviewqueue: import: {e.Message}");
                return ExitCodes.TempFail;
            }
            if (asJson)
                Console.WriteLine(JsonSerializer.Serialize(summary, JsonOutput.Options));
            else
                Console.WriteLine($"read {summary.Read}, new {summary.New}, duplicate {summary.Duplicate}, rejected {summary.Rejected} " +
                    $"in {summary.ElapsedSeconds:0.00} s ({summary.PerSecond:0} messages/s)" +
                    (summary.Removed > 0 ? $"; {summary.Removed} removed from the archive, not imported" : "") +
                    (summary.ReadBefore > 0 ? $"; {summary.ReadBefore} read by an earlier import, not read again" : "") +
                    (summary.TopicsLeftToService ? "; topics left to the running service" : ""));
            // For an MTA pipe: an unreadable mail is kept (rejected) but is not worth retrying. With files beside
            // "-", the exit code still speaks for the stdin mail (its caller learns it was unreadable), not for theirs.
            return fromStdin && summary.Sources[stdinAt].Rejected > 0 ? ExitCodes.DataError : ExitCodes.Ok;
        });
        return command;
    }
}
