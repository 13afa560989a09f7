namespace ReviewQueue.Configuration;

/// <summary>"Ledger": where the SQLite file lives (--db sets Ledger:Database).</summary>
public sealed class LedgerOptions : ISectionOptions
{
    public static string Section => "Ledger";

    public string Database { get; set; } = "";

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Database))
            yield return "Ledger:Database is missing: give the SQLite file's path (or --db PATH)";
        else if (Directory.Exists(Database))
            yield return $"Ledger:Database names a directory, not a file: {Database}";
    }
}
