namespace ReviewQueue.Configuration;

/// <summary>"Samples": demo mail that `run` imports once into a new ledger (the embedded default).</summary>
public sealed class SamplesOptions : ISectionOptions
{
    public static string Section => "Samples";

    /// <summary>As configured. A blank entry names nothing (`Samples__Mail__0=` clears the shipped default).</summary>
    public List<string> Mail { get; set; } = [];

    /// <summary>The demo's MAINTAINERS and file list: used as Maintainers:File/TreeFiles when those are unset and the files are there.</summary>
    public string? Maintainers { get; set; }
    public string? TreeFiles { get; set; }

    /// <summary>The files and folders to import: the entries of <see cref="Mail"/> that are not blank.</summary>
    public IReadOnlyList<string> Paths => Mail.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();

    public IEnumerable<string> Validate()
    {
        for (int i = 0; i < Mail.Count; i++)
            if (!string.IsNullOrWhiteSpace(Mail[i]) && !File.Exists(Mail[i]) && !Directory.Exists(Mail[i]))
                yield return $"Samples:Mail:{i} does not exist: {Mail[i]} (a relative path is taken from the current folder; " +
                    $"Samples__Mail__{i}= imports none)";
    }
}
