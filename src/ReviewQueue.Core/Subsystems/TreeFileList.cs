using System.Runtime.CompilerServices;

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
        var lookup = directories.GetAlternateLookup<ReadOnlySpan<char>>();
        string previous = "";
        foreach (var file in files)
            if (Add(lookup, file, previous))
                previous = file;
    }

    TreeFileList()
    {
    }

    /// <summary>A tree walked directory by directory (git trees are never empty, so every directory holds a file).</summary>
    public static TreeFileList FromDirectories(IEnumerable<string> directories, int fileCount)
    {
        var list = new TreeFileList { FileCount = fileCount };
        foreach (var directory in directories)
            list.directories.Add(directory);
        return list;
    }

    /// <summary>Counts the file and records its directories unless it sits where <paramref name="previous"/> sits:
    /// listings come sorted, so most files share the directory of the file before and cost no hash lookup.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool Add(HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup, ReadOnlySpan<char> file, ReadOnlySpan<char> previous)
    {
        if (file.IsEmpty)
            return false;
        FileCount++;
        int last = file.LastIndexOf('/');
        if (last > 0 && previous.Length > last && previous[last] == '/' && previous[..last].SequenceEqual(file[..last])
            && previous[(last + 1)..].IndexOf('/') < 0)
            return true;
        // Deepest directory first: once one is known, all its parents are known too.
        for (int slash = last; slash > 0; slash = file[..slash].LastIndexOf('/'))
            if (!lookup.Add(file[..slash]))
                break;
        return true;
    }

    /// <summary>One path a line, as `git ls-files` prints them. Only directories become strings.</summary>
    // Runs once per load over ~86,000 lines: compiled optimised at once instead of starting as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TreeFileList Parse(string text)
    {
        var list = new TreeFileList();
        var lookup = list.directories.GetAlternateLookup<ReadOnlySpan<char>>();
        var span = text.AsSpan();
        ReadOnlySpan<char> previous = default;
        while (!span.IsEmpty)
        {
            int end = span.IndexOf('\n');
            var line = (end < 0 ? span : span[..end]).TrimEnd('\r');
            span = end < 0 ? default : span[(end + 1)..];
            if (list.Add(lookup, line, previous))
                previous = line;
        }
        return list;
    }

    public bool IsDirectory(string path) => directories.Contains(path.TrimEnd('/'));

    public int DirectoryCount => directories.Count;
}
