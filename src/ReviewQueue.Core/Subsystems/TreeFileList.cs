namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// The paths of a tree at one commit. get_maintainer.pl asks the file system whether an F: pattern names a
/// directory; ReviewQueue asks this list instead, so the answer is the same without a checkout.
/// </summary>
public sealed class TreeFileList
{
    readonly HashSet<string> directories = new(StringComparer.Ordinal);

    public int FileCount { get; }

    public static TreeFileList Empty { get; } = new([]);

    public TreeFileList(IEnumerable<string> files)
    {
        int count = 0;
        var lookup = directories.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var file in files)
        {
            if (file.Length == 0)
                continue;
            count++;
            // Deepest directory first: once one is known, all its parents are known too.
            var span = file.AsSpan();
            for (int slash = span.LastIndexOf('/'); slash > 0; slash = span[..slash].LastIndexOf('/'))
                if (!lookup.Add(span[..slash]))
                    break;
        }
        FileCount = count;
    }

    /// <summary>One path a line, as `git ls-files` prints them.</summary>
    public static TreeFileList Parse(string text) =>
        new(text.Split('\n').Select(l => l.TrimEnd('\r')));

    public bool IsDirectory(string path) => directories.Contains(path.TrimEnd('/'));

    public int DirectoryCount => directories.Count;
}
