namespace ReviewQueue.Configuration;

/// <summary>"Import": how mail is stored as it comes in.</summary>
public sealed class ImportOptions : ISectionOptions
{
    public static string Section => "Import";

    /// <summary>Messages per transaction: a crash loses at most this many, and a re-import restores them.</summary>
    public int BatchSize { get; set; } = 100;

    public IEnumerable<string> Validate()
    {
        if (BatchSize is < 1 or > 100_000)
            yield return $"Import:BatchSize must be between 1 and 100000 (is {BatchSize})";
    }
}
