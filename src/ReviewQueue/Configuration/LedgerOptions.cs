namespace ReviewQueue.Configuration;

/// <summary>"Ledger": where the SQLite file lives (--db sets Ledger:Database).</summary>
public sealed class LedgerOptions : ISectionOptions
{
    public static string Section => "Ledger";

    public string Database { get; set; } = "";

    /// <summary>How long a write waits while another process holds the database before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Database))
            yield return "Ledger:Database is missing: give the SQLite file's path (or --db PATH)";
        else if (Directory.Exists(Database))
            yield return $"Ledger:Database names a directory, not a file: {Database}";
        if (BusyTimeout <= TimeSpan.Zero || BusyTimeout > TimeSpan.FromHours(1))
            yield return $"Ledger:BusyTimeout must be between 00:00:00.001 and 01:00:00 (is {BusyTimeout})";
    }
}
