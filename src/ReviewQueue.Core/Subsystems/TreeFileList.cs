namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// The paths of a tree at one commit. get_maintainer.pl asks the file system whether an F: pattern names a
/// directory; ReviewQueue asks this list instead, so the answer is the same without a checkout.
/// </summary>
public sealed class TreeFileList
{
    readonly HashSet<string> directories = new(StringComparer.Ordinal);

    public int FileCount { get; private set; }

    public static TreeFileList Empty { get; } = new([]);

    public TreeFileList(IEnumerable<string> files)
    {
        foreach (var file in files)
            Add(file);
    }

    TreeFileList()
    {
    }

    void Add(ReadOnlySpan<char> file)
    {
        if (file.IsEmpty)
            return;
        FileCount++;
        // Deepest directory first: once one is known, all its parents are known too.
        var lookup = directories.GetAlternateLookup<ReadOnlySpan<char>>();
        for (int slash = file.LastIndexOf('/'); slash > 0; slash = file[..slash].LastIndexOf('/'))
            if (!lookup.Add(file[..slash]))
                break;
    }

    /// <summary>One path a line, as `git ls-files` prints them. Only directories become strings.</summary>
    public static TreeFileList Parse(string text)
    {
        var list = new TreeFileList();
        foreach (var range in text.AsSpan().Split('\n'))
            list.Add(text.AsSpan(range).TrimEnd('\r'));
        return list;
    }

    public bool IsDirectory(string path) => directories.Contains(path.TrimEnd('/'));

    public int DirectoryCount => directories.Count;
}
