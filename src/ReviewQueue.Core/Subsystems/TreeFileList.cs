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
        foreach (var file in files)
        {
            if (file.Length == 0)
                continue;
            count++;
            for (int slash = file.IndexOf('/'); slash > 0; slash = file.IndexOf('/', slash + 1))
            {
                // Parents are added before children, so a known parent means the rest is known too.
                if (!directories.Add(file[..slash]) && slash == file.LastIndexOf('/'))
                    break;
            }
        }
        FileCount = count;
    }

    /// <summary>One path a line, as `git ls-files` prints them.</summary>
    public static TreeFileList Parse(string text) =>
        new(text.Split('\n').Select(l => l.TrimEnd('\r')));

    public bool IsDirectory(string path) => directories.Contains(path.TrimEnd('/'));

    public int DirectoryCount => directories.Count;
}
