namespace ReviewQueue.Configuration;

/// <summary>
/// "Maintainers": where MAINTAINERS comes from. Either "Tree" (a name from "Trees": its first branch's head gives
/// MAINTAINERS, .mailmap and the file list) or "File" with "TreeFiles" (a path list, one a line) and optionally
/// "Mailmap". Unset: the maintainers commands need --maintainers or --tree.
/// </summary>
public sealed class MaintainersOptions : ISectionOptions
{
    public static string Section => "Maintainers";

    public string? Tree { get; set; }
    public string? File { get; set; }
    public string? TreeFiles { get; set; }
    public string? Mailmap { get; set; }

    /// <summary>The Name of each entry of Trees; ServiceSetup fills it in, the binder does not (a field). Null: not known.</summary>
    internal IReadOnlyList<string>? TreeNames;

    public IEnumerable<string> Validate()
    {
        if (Tree is not null && File is not null)
            yield return "Maintainers: set either Tree or File, not both";
        // A misspelt name would leave every file in THE REST, and the history measured again so, with a warning at most.
        if (Tree is not null && TreeNames is not null && !TreeNames.Contains(Tree))
            yield return $"Maintainers:Tree: no tree named {Tree} in Trees (" +
                (TreeNames.Count == 0 ? "no tree is configured" : "watched: " + string.Join(", ", TreeNames)) + ")";
        if (File is not null && !System.IO.File.Exists(File))
            yield return $"Maintainers:File: no such file: {File}";
        if (TreeFiles is not null && !System.IO.File.Exists(TreeFiles))
            yield return $"Maintainers:TreeFiles: no such file: {TreeFiles}";
        if (TreeFiles is not null && File is null)
            yield return "Maintainers:TreeFiles is only used with Maintainers:File";
        if (Mailmap is not null && !System.IO.File.Exists(Mailmap))
            yield return $"Maintainers:Mailmap: no such file: {Mailmap}";
    }
}
