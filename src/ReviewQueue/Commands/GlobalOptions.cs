using System.CommandLine;

namespace ReviewQueue.Commands;

/// <summary>--db and --config, valid on every command.</summary>
public sealed class GlobalOptions
{
    public Option<string?> Db { get; } = new("--db") { Description = "The SQLite ledger file (sets Ledger:Database)", HelpName = "PATH", Recursive = true };
    public Option<string?> Config { get; } = new("--config") { Description = "A JSON configuration file read after appsettings.json", HelpName = "FILE", Recursive = true };
}
