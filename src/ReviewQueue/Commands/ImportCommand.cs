using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Configuration;
using ReviewQueue.Core.Ingest;
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
        listId.Validators.Add(result =>
        {
            if (EnvelopeReader.ReadListId(result.GetValueOrDefault<string?>()) is null)
                result.AddError("--list-id is empty: give the list's List-Id (linux-hwmon.vger.kernel.org)");
        });
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var command = new Command("import", "Import mail: every message stored once, unreadable ones kept with their reasons")
        {
            paths, listId, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var list = parse.GetValue(paths)!;
            bool delivery = list.Contains("-");
            try
            {
                var code = await ImportAsync(parse, global, list, EnvelopeReader.ReadListId(parse.GetValue(listId)), parse.GetValue(json), cancellationToken);
                return delivery ? ForDelivery(code) : code;
            }
            catch (Exception e) when (delivery && e is not OperationCanceledException)
            {
                // Not one of the failures named below (a bug, or memory the operator's limits leave too short): System.CommandLine
                // would exit 1 with a stack trace, which Postfix bounces ("Command died with status 1") and puts in the reason.
                Console.Error.WriteLine($"reviewqueue: import: stopped by {OneLine(e)}; the mail server keeps the mail and tries again");
                return ExitCodes.TempFail;
            }
        });
        return command;
    }

    /// <summary>
    /// A mail server's delivery (`-` among the paths) that stops before its mail is stored or kept as rejected, for what the
    /// operator can mend (the configuration, the command line in master.cf or aliases, a path beside `-`), exits 75: Postfix
    /// defers only on 75 (EX_TEMPFAIL) and 71, and bounces 64, 66 and 78 (5.3.5), so the list's mail would be lost for good.
    /// </summary>
    public static int ForDelivery(int code) =>
        code is ExitCodes.Usage or ExitCodes.NoInput or ExitCodes.Config ? ExitCodes.TempFail : code;

    /// <summary>True when a command line that does not parse still shows a delivery: `import` with `-` (stdin) in it.</summary>
    public static bool IsDelivery(IReadOnlyList<string> args) => args.Contains("import") && args.Contains("-");

    /// <summary>
    /// A delivery stopped by a signal (a shutdown, an operator's kill) exits 75 at once: System.CommandLine's own handling
    /// exits 143, on which Postfix bounces the mail ("Command died with status 143"). A batch is one transaction, so the mail
    /// is stored whole or not at all, and the mail server's retry stores it or finds it a duplicate.
    /// </summary>
    public static void DeferOnTermination(InvocationConfiguration invocation)
    {
        invocation.ProcessTerminationTimeout = null;
        termination = [.. new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP }.Select(signal =>
            PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                Console.Error.WriteLine($"reviewqueue: import: stopped by {signal}; the mail server keeps the mail and tries again");
                Environment.Exit(ExitCodes.TempFail);
            }))];
    }

    // Kept for the life of the process: a registration that is collected no longer handles its signal.
    static List<PosixSignalRegistration>? termination;

    /// <summary>The exception a delivery stopped on, in one line (the mail server's queue shows it as the reason).</summary>
    static string OneLine(Exception e)
    {
        // Parallel parsing wraps what failed in an AggregateException.
        while (e is AggregateException { InnerExceptions.Count: 1 } aggregate)
            e = aggregate.InnerExceptions[0];
        return $"{e.GetType().Name}: {string.Join(' ', e.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.')}";
    }

    static async Task<int> ImportAsync(ParseResult parse, GlobalOptions global, string[] list, string? listId, bool asJson,
        CancellationToken cancellationToken)
    {
        // stdin holds one message and can be read once: a second "-" would read nothing and store an "Empty" rejection.
        int stdinAt = Array.IndexOf(list, "-");
        if (stdinAt >= 0 && Array.LastIndexOf(list, "-") != stdinAt)
        {
            Console.Error.WriteLine("reviewqueue: import: - (stdin) may be given once");
            return ExitCodes.Usage;
        }
        bool fromStdin = stdinAt >= 0;
        // A mail server's pipe: one delivery per mail, each would repeat the missing MAINTAINERS in the server's log
        // (and put it before the cause in the reason of a deferred mail).
        using var host = CommandHost.Build(parse, global, Console.Error, out var failure, fromStdin
            ? (services, _) => services.AddSingleton(new MaintainersNotice(SayMissing: false))
            : null, openLedger: false);
        if (host is null)
            return failure; // 78, or 75 for a --config file this user may not read (a delivery: 75 either way)
        // A new ledger holds no epoch's place yet: its sources are opened, and a path that is no mail source refused, before
        // the ledger is made, so a mistyped path or an xz file leaves no empty ledger (or folder) behind.
        IReadOnlyList<MailSource>? opened = null;
        if (!File.Exists(LedgerPath(host)))
        {
            try
            {
                opened = list.Select(p => MailSource.Open(p)).ToList();
            }
            catch (Exception e) when (e is ImportProblem or IOException or UnauthorizedAccessException)
            {
                return SourceFailed(e);
            }
        }
        ImportSummary summary;
        ImportRunner runner;
        try
        {
            // Resolving the runner opens the ledger (and migrates it): a locked or read-only
            // database must say 75 (retry later) like a failed batch, not crash.
            runner = host.Services.GetRequiredService<ImportRunner>();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Its folder cannot be made (a path through a file, a folder this user may not write in).
            Console.Error.WriteLine($"reviewqueue: import: cannot open the ledger {LedgerPath(host)} for writing: its folder cannot be made: " +
                $"{e.Message.TrimEnd('.')}; nothing was stored");
            return ExitCodes.TempFail;
        }
        catch (LedgerTooNewException e)
        {
            // 75: a mail server keeps the mail queued until the newer program is back.
            Console.Error.WriteLine($"reviewqueue: import: cannot open the ledger {LedgerPath(host)}: {e.Message}; nothing was stored");
            return ExitCodes.TempFail;
        }
        catch (SqliteException e)
        {
            // Named with what to mend (a mail server's deferred mail shows this line as its reason): one owned by the
            // service's user, locked past Ledger:BusyTimeout, a file that is not a ledger.
            Console.Error.WriteLine($"reviewqueue: import: cannot open the ledger {LedgerPath(host)} for writing: " +
                $"{CommandHost.Why(e, LedgerPath(host))} Nothing was stored.");
            return ExitCodes.TempFail;
        }
        try
        {
            // One message from a mail server: when `run` serves the ledger, its topics are the service's to
            // assemble (with whatever else arrived), not a rebuild of every topic per delivery.
            summary = await runner.RunAsync(list, listId,
                showProgress: !asJson && !fromStdin && !Console.IsErrorRedirected && !Console.IsOutputRedirected,
                stdin: null, cancellationToken, leaveToService: list is ["-"], opened: opened);
        }
        catch (SqliteException e)
        {
            Console.Error.WriteLine($"reviewqueue: import: storage failed in the ledger {LedgerPath(host)}, nothing of the last batch was stored: " +
                CommandHost.Why(e, LedgerPath(host)));
            return ExitCodes.TempFail;
        }
        catch (Exception e) when (e is ImportProblem or IOException or UnauthorizedAccessException)
        {
            return SourceFailed(e);
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
    }

    /// <summary>A path that is no mail source (66), or one that could not be read (75: a retry may read it), said in one line.</summary>
    static int SourceFailed(Exception e)
    {
        Console.Error.WriteLine($"reviewqueue: import: {e.Message}");
        return e is ImportProblem ? ExitCodes.NoInput : ExitCodes.TempFail;
    }

    static string LedgerPath(CommandServices host) => CommandHost.LedgerPath(host.Services);
}
