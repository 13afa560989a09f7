namespace ReviewQueue.Configuration;

/// <summary>"Samples": demo mail that `run` imports once into a new ledger (the embedded default).</summary>
public sealed class SamplesOptions : ISectionOptions
{
    public static string Section => "Samples";

    public List<string> Mail { get; set; } = [];

    /// <summary>The demo's MAINTAINERS and file list: used as Maintainers:File/TreeFiles when those are unset and the files are there.</summary>
    public string? Maintainers { get; set; }
    public string? TreeFiles { get; set; }

    public IEnumerable<string> Validate()
    {
        for (int i = 0; i < Mail.Count; i++)
            if (!File.Exists(Mail[i]) && !Directory.Exists(Mail[i]))
                yield return $"Samples:Mail:{i} does not exist: {Mail[i]} (run from the repository root, or clear Samples:Mail)";
    }
}
