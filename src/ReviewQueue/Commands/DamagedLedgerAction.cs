using System.CommandLine;
using System.CommandLine.Invocation;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using ReviewQueue.Configuration;

namespace ReviewQueue.Commands;

/// <summary>
/// SQLite finds a damaged ledger (a failed disk, a copy taken while it was written) only where a command reads a damaged
/// page, most often long after the ledger opened: `reindex` reading every message, a query over one table. Every command
/// then says so in one line, with how to save its mail, and exits 75 as when the ledger cannot be opened, instead of
/// a stack trace and exit 1.
/// </summary>
sealed class DamagedLedgerAction(AsynchronousCommandLineAction inner, GlobalOptions global) : AsynchronousCommandLineAction
{
    const int Corrupt = 11, NotADatabase = 26;

    public override async Task<int> InvokeAsync(ParseResult parse, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.InvokeAsync(parse, cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is Corrupt or NotADatabase)
        {
            Console.Error.WriteLine($"reviewqueue: {CommandHost.CommandPath(parse)}: {CommandHost.Why(e, LedgerPath(parse))}");
            return ExitCodes.TempFail;
        }
    }

    /// <summary>Every asynchronous action under <paramref name="root"/> wrapped.</summary>
    public static void Wrap(Command root, GlobalOptions global)
    {
        if (root.Action is AsynchronousCommandLineAction action)
            root.Action = new DamagedLedgerAction(action, global);
        foreach (var command in root.Subcommands)
            Wrap(command, global);
    }

    // The ledger the command used: read from the configuration again, as the command read it (it did, or SQLite would not
    // have been reached).
    string LedgerPath(ParseResult parse)
    {
        using var configuration = new ConfigurationManager();
        int failure = ExitCodes.Config;
        CommandHost.TryAddSources(configuration, parse, global, TextWriter.Null, ref failure);
        return configuration[$"{LedgerOptions.Section}:{nameof(LedgerOptions.Database)}"] ?? "";
    }
}
