using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using ReviewQueue.Configuration;
using ReviewQueue.Series;
using ReviewQueue.Storage;

namespace ReviewQueue.Commands;

/// <summary>Builds the services a one-shot command needs, after checking the configuration.</summary>
public static class CommandHost
{
    /// <summary>
    /// The sections only some commands use, checked only for those: the service's configuration names mail accounts whose
    /// passwords only the service's environment holds, and a maintainer's `backlog` with that file must not need them.
    /// </summary>
    public static readonly IReadOnlyList<string> MailSections = [ImapOptions.Section, SmtpOptions.Section];

    /// <param name="failure">When null is returned: <see cref="ExitCodes.TempFail"/> for a ledger this user may not write (or a --config file it may not read), else <see cref="ExitCodes.Config"/>.</param>
    /// <param name="checkReading">Say when the ledger's mail was read by other rules (not for reindex, which reads it again).</param>
    /// <param name="uses">Which of <see cref="MailSections"/> the command uses (and so checks); the others are not checked.</param>
    /// <param name="openLedger">Open the ledger here, a failure said in one line (import opens it itself, and says it in its words).</param>
    public static CommandServices? Build(ParseResult parse, GlobalOptions global, TextWriter error, out int failure,
        Action<IServiceCollection, IConfiguration>? extra = null, bool checkReading = true, IReadOnlyCollection<string>? uses = null,
        bool openLedger = true) =>
        Build(parse, global, error, extra, checkReading, existingLedger: false, uses ?? [], openLedger, out failure);

    /// <summary>
    /// For a command that only reads the ledger: as <see cref="Build"/>, but a ledger file that does not exist is refused
    /// (a mistyped --db would otherwise be created empty and answered from); only the commands that store create it.
    /// </summary>
    /// <param name="failure">When null is returned: <see cref="ExitCodes.NoInput"/> for a missing ledger, <see cref="ExitCodes.TempFail"/> for one this
    /// user may not write, else <see cref="ExitCodes.Config"/>.</param>
    /// <param name="uses">As for <see cref="Build(ParseResult, GlobalOptions, TextWriter, out int, Action{IServiceCollection, IConfiguration}?, bool, IReadOnlyCollection{string}?, bool)"/>.</param>
    /// <param name="checkReading">False where the command said already that `reindex` is due (<see cref="ReadLedger"/>).</param>
    public static CommandServices? BuildReading(ParseResult parse, GlobalOptions global, TextWriter error, out int failure,
        IReadOnlyCollection<string>? uses = null, bool checkReading = true) =>
        Build(parse, global, error, null, checkReading, existingLedger: true, uses ?? [], openLedger: true, out failure);

    static CommandServices? Build(ParseResult parse, GlobalOptions global, TextWriter error, Action<IServiceCollection, IConfiguration>? extra,
        bool checkReading, bool existingLedger, IReadOnlyCollection<string> uses, bool openLedger, out int failure)
    {
        failure = ExitCodes.Config;
        var configuration = new ConfigurationManager();
        if (!TryAddSources(configuration, parse, global, error, ref failure))
        {
            configuration.Dispose();
            return null;
        }
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // Standard output is the command's answer (JSON, CSV, mbox): every log line goes to standard error.
        services.AddLogging(logging => logging
            .AddConsole(o =>
            {
                o.LogToStandardErrorThreshold = LogLevel.Trace;
                o.FormatterName = CommandLogFormatter.Name;
            })
            .AddConsoleFormatter<CommandLogFormatter, ConsoleFormatterOptions>()
            .SetMinimumLevel(LogLevel.Warning));
        services.AddReviewQueue(configuration);
        extra?.Invoke(services, configuration);
        var host = new CommandServices(services.BuildServiceProvider(), configuration);
        var problems = host.Services.GetRequiredService<SectionCheck>().Run(host.Services,
            section => !MailSections.Contains(section) || uses.Contains(section));
        if (problems.Count > 0)
        {
            foreach (var p in problems)
                error.WriteLine($"reviewqueue: configuration: {p}");
            host.Dispose();
            return null;
        }
        if (existingLedger && Missing(host.Services.GetRequiredService<IOptions<LedgerOptions>>().Value.Database, error))
        {
            failure = ExitCodes.NoInput;
            host.Dispose();
            return null;
        }
        if (openLedger && OpenLedger(host.Services, CommandPath(parse), error) is null)
        {
            failure = ExitCodes.TempFail;
            host.Dispose();
            return null;
        }
        // A ledger not made yet (import makes it once its paths are found to be mail) holds nothing read by other rules.
        if (checkReading && File.Exists(LedgerPath(host.Services)) && Staleness(host.Services) is { } advice)
            error.WriteLine($"reviewqueue: {advice}");
        return host;
    }

    /// <summary>
    /// For a command that reads only what the ledger stores: the Ledger section checked as <see cref="Build"/>
    /// checks it (a bad key stops with a message naming it), and the ledger opened read-only when its schema
    /// is current; no host, services, logging or other sections, which cost more than the read itself.
    /// </summary>
    /// <returns>null after the problems are written to <paramref name="error"/>; a ledger file that does not exist is
    /// one (<paramref name="failure"/> <see cref="ExitCodes.NoInput"/>), one that cannot be opened (a newer program's)
    /// another (<see cref="ExitCodes.TempFail"/>), else <see cref="ExitCodes.Config"/>.</returns>
    /// <param name="toldReindex">Whether it said that `reindex` is due: a command that goes on to build its host says it once.</param>
    public static Ledger? ReadLedger(ParseResult parse, GlobalOptions global, TextWriter error, out int failure, out bool toldReindex)
    {
        failure = ExitCodes.Config;
        toldReindex = false;
        var sqlite = Task.Run(Ledger.LoadSqlite); // on the other core, while the configuration is read
        using var configuration = new ConfigurationManager();
        if (!TryAddSources(configuration, parse, global, error, ref failure))
            return null;
        var problems = new List<string>();
        var options = SectionCheck.Read<LedgerOptions>(configuration, problems);
        if (options is null)
        {
            foreach (var p in problems)
                error.WriteLine($"reviewqueue: configuration: {p}");
            return null;
        }
        sqlite.Wait();
        if (Missing(options.Database, error))
        {
            failure = ExitCodes.NoInput;
            return null;
        }
        Ledger ledger;
        try
        {
            // An older schema takes the way every other command takes: migrate.
            ledger = Ledger.OpenForReading(options.Database, options.BusyTimeout) ?? Ledger.Open(options.Database, options.BusyTimeout);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) // a newer program's ledger, or locked past the busy timeout while migrating
        {
            error.WriteLine($"reviewqueue: {CommandPath(parse)}: cannot open the ledger {Path.GetFullPath(options.Database)}: {Why(e, options.Database)}");
            failure = ExitCodes.TempFail;
            return null;
        }
        if (new ReadingStamp(ledger).Staleness() is { } advice) // the rules only: the policy is not loaded here
        {
            error.WriteLine($"reviewqueue: {advice}");
            toldReindex = true;
        }
        return ledger;
    }

    // The reading stamp opens the ledger. Where it cannot be opened (a mail server's `import -` delivering as another user
    // than the ledger's owner, a lock held past the busy timeout), no advice: the command's own use of the ledger then fails
    // the same way and says so with its exit code (import: 75, retry later), instead of a crash with exit 1.
    static string? Staleness(IServiceProvider services)
    {
        try
        {
            return services.GetRequiredService<ReadingStamp>().Staleness();
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            return null; // IO: its folder cannot be made (a path through a file, no permission)
        }
    }

    /// <summary>
    /// Opens the ledger (WAL mode, migrations: opening writes). One owned by another user (the service's), locked past the
    /// busy timeout or on a full disk fails here: said in one line, null, and the caller exits 75 (try again, or as the
    /// ledger's owner), as `run` and `import -` say it, not a stack trace.
    /// </summary>
    public static Ledger? OpenLedger(IServiceProvider services, string command, TextWriter error)
    {
        try
        {
            return services.GetRequiredService<Ledger>();
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            var path = LedgerPath(services);
            error.WriteLine($"reviewqueue: {command}: cannot open the ledger {path} for writing: {Why(e, path)}");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Its folder cannot be made: a path through a file, a folder this user may not write in.
            error.WriteLine($"reviewqueue: {command}: cannot open the ledger {LedgerPath(services)} for writing: its folder cannot be made: {e.Message}");
            return null;
        }
    }

    /// <summary>The configured ledger's full path, as every message about it names it.</summary>
    internal static string LedgerPath(IServiceProvider services) =>
        Path.GetFullPath(services.GetRequiredService<IOptions<LedgerOptions>>().Value.Database);

    /// <summary>
    /// SQLite's words, and where it could not write, what it needed: a user who may read the ledger but not write its folder
    /// (a maintainer in the service's group) cannot open it while no `run` holds it open, because a WAL ledger's readers
    /// too need its -wal and -shm files, which SQLite creates beside it; "attempt to write a readonly database" alone does
    /// not say so.
    /// </summary>
    internal static string Why(Microsoft.Data.Sqlite.SqliteException e, string database)
    {
        const int ReadOnly = 8, Corrupt = 11, CannotOpen = 14, NotADatabase = 26;
        var path = Path.GetFullPath(database);
        if (e is LedgerTooNewException)
            return e.Message;
        // A mistyped --db (an mbox, a settings file) or a ledger a failed disk or a copy taken mid-write damaged. The raw
        // mail is all a ledger needs: whatever SQLite can still read of it, `reindex` derives the rest from. sqlite3's
        // .dump reads what it can and ends in a ROLLBACK where it met damage; Debian 12's .recover fails on any ledger.
        if (e.SqliteErrorCode == NotADatabase)
            return $"{path} is no ReviewQueue ledger (SQLite finds no database in it): is --db (Ledger:Database) the right file?";
        if (e.SqliteErrorCode == Corrupt)
            return $"the ledger {path} is damaged ({e.Message.TrimEnd('.')}): restore it from a backup, or save the mail it holds " +
                $"into a new one with `sqlite3 {path} .dump | sed '$ s/^ROLLBACK; -- due to errors$/COMMIT;/' | sqlite3 NEW.db` " +
                "and `reviewqueue --db NEW.db reindex` (README, \"Where data lives\").";
        if (e.SqliteErrorCode is not (ReadOnly or CannotOpen))
            return e.Message;
        return $"{e.Message} This user must be able to write the ledger and its folder {Path.GetDirectoryName(path)}, where SQLite " +
            $"keeps {Path.GetFileName(path)}-wal and {Path.GetFileName(path)}-shm beside it; run the command as the ledger's owner.";
    }

    // "digest subscribe", not "subscribe" (which is another command).
    internal static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var c = parse.CommandResult; c.Parent is System.CommandLine.Parsing.CommandResult parent; c = parent)
            names.Insert(0, c.Command.Name);
        return string.Join(' ', names);
    }

    static bool Missing(string database, TextWriter error)
    {
        if (File.Exists(database))
            return false;
        error.WriteLine($"reviewqueue: no ledger at {Path.GetFullPath(database)} (--db or Ledger:Database): " +
            "nothing was created; `import` or `run` starts a new one");
        return true;
    }

    // A file this user may not read is 75, as a ledger it may not write is: a mail server's pipe retries the mail once the
    // permissions are mended, where 78 (EX_CONFIG) makes Postfix bounce it.
    internal static bool TryAddSources(IConfigurationManager configuration, ParseResult parse, GlobalOptions global, TextWriter error, ref int failure)
    {
        try
        {
            ConfigurationSetup.AddSources(configuration, parse.GetValue(global.Config), parse.GetValue(global.Db));
            return true;
        }
        catch (ConfigurationProblem e)
        {
            if (e.Unreadable)
                failure = ExitCodes.TempFail;
            foreach (var p in e.Problems)
                error.WriteLine($"reviewqueue: configuration: {p}");
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            error.WriteLine($"reviewqueue: configuration: {e.Message}");
        }
        return false;
    }
}
