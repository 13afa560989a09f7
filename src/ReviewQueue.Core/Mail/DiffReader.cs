namespace ReviewQueue.Core.Mail;

/// <summary>
/// Reads the files of a patch: git diffs (renames, copies, mode changes, new and deleted files,
/// binary patches) and plain unified diffs ("Index:", "--- a/x" / "+++ b/x"). Line counts come
/// from the hunk headers, so a "-- " line inside a hunk is content, and the signature after the
/// last hunk is not.
/// </summary>
public static class DiffReader
{
    public static IReadOnlyList<FileChange> Read(string patch) => Read(patch, out _);

    /// <param name="truncated">A hunk ended (the text ended) before its line counts were used up.</param>
    public static IReadOnlyList<FileChange> Read(string patch, out bool truncated)
    {
        var reader = new State();
        int start = 0;
        while (start < patch.Length)
        {
            int nl = patch.IndexOf('\n', start);
            int end = nl < 0 ? patch.Length : nl;
            var line = patch.AsSpan(start, end - start);
            if (line.EndsWith("\r"))
                line = line[..^1];
            reader.Line(line);
            start = end + 1;
        }
        truncated = reader.InHunk;
        reader.Finish();
        return reader.Files;
    }

    /// <summary>Files, insertions and deletions summed over the changes.</summary>
    public static DiffStat Stat(IReadOnlyList<FileChange> changes) =>
        new(changes.Count, changes.Sum(c => c.Insertions), changes.Sum(c => c.Deletions));

    /// <summary>Every path touched, both sides of renames and copies, in diff order, once each.</summary>
    public static IReadOnlyList<string> Paths(IReadOnlyList<FileChange> changes) =>
        changes.SelectMany(c => c.Paths()).Distinct(StringComparer.Ordinal).ToList();

    sealed class State
    {
        public readonly List<FileChange> Files = [];
        Builder? current;
        int oldLeft, newLeft;
        bool inBinary;

        public bool InHunk => oldLeft > 0 || newLeft > 0;

        public void Line(ReadOnlySpan<char> line)
        {
            if (oldLeft > 0 || newLeft > 0)
            {
                Hunk(line);
                return;
            }
            if (line.StartsWith("diff --git "))
            {
                Start(new Builder { Git = true });
                current!.FromDiffLine(line["diff --git ".Length..].ToString());
                return;
            }
            if (line.StartsWith("diff ") || line.StartsWith("Index: "))
            {
                Start(new Builder());
                if (line.StartsWith("Index: "))
                    current!.NewPath = current.OldPath = line["Index: ".Length..].Trim().ToString();
                return;
            }
            if (line.StartsWith("--- ") && (current is null || current.HasHunks || (current.Git && current.SawMinus)))
                Start(new Builder());
            if (current is null)
                return;
            if (line.StartsWith("@@ -"))
            {
                ReadHunkHeader(line);
                current.HasHunks = true;
                return;
            }
            if (inBinary)
                return;
            current.Header(line, ref inBinary);
        }

        void Hunk(ReadOnlySpan<char> line)
        {
            char c = line.Length == 0 ? ' ' : line[0];
            switch (c)
            {
                case '+':
                    current!.Insertions++;
                    newLeft--;
                    break;
                case '-':
                    current!.Deletions++;
                    oldLeft--;
                    break;
                case '\\':
                    break;
                default:
                    oldLeft--;
                    newLeft--;
                    break;
            }
            if (oldLeft < 0) oldLeft = 0;
            if (newLeft < 0) newLeft = 0;
        }

        void ReadHunkHeader(ReadOnlySpan<char> line)
        {
            // "@@ -a[,b] +c[,d] @@": a count omitted means 1.
            var rest = line[4..];
            oldLeft = Count(ref rest);
            int plus = rest.IndexOf('+');
            if (plus < 0)
            {
                oldLeft = 0;
                return;
            }
            rest = rest[(plus + 1)..];
            newLeft = Count(ref rest);
        }

        static int Count(ref ReadOnlySpan<char> s)
        {
            int i = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
                i++;
            s = s[i..];
            if (s.Length > 0 && s[0] == ',')
            {
                int j = 1;
                while (j < s.Length && char.IsAsciiDigit(s[j]))
                    j++;
                int.TryParse(s[1..j], out int n);
                s = s[j..];
                return n;
            }
            return 1;
        }

        void Start(Builder next)
        {
            Finish();
            current = next;
            inBinary = false;
            oldLeft = newLeft = 0;
        }

        public void Finish()
        {
            if (current?.Build() is { } change)
                Files.Add(change);
            current = null;
        }
    }

    sealed class Builder
    {
        public bool Git, HasHunks, SawMinus, Binary;
        public string? OldPath, NewPath, OldMode, NewMode;
        public ChangeType Change = ChangeType.Modified;
        public int Insertions, Deletions;
        bool newFile, deleted;

        public void FromDiffLine(string paths)
        {
            // "a/x b/x": split in the middle when both halves name the same file, else at " b/".
            var (a, b) = GitPaths(paths);
            OldPath = a;
            NewPath = b;
        }

        public void Header(ReadOnlySpan<char> line, ref bool inBinary)
        {
            if (line.StartsWith("--- "))
            {
                SawMinus = true;
                var p = PatchPath(line[4..]);
                if (p is null) newFile = true; else if (!Git || OldPath is null) OldPath = p;
            }
            else if (line.StartsWith("+++ "))
            {
                var p = PatchPath(line[4..]);
                if (p is null) deleted = true; else if (!Git || NewPath is null) NewPath = p;
            }
            else if (!Git)
                return;
            else if (line.StartsWith("new file mode "))
            {
                newFile = true;
                NewMode = line["new file mode ".Length..].Trim().ToString();
            }
            else if (line.StartsWith("deleted file mode "))
            {
                deleted = true;
                OldMode = line["deleted file mode ".Length..].Trim().ToString();
            }
            else if (line.StartsWith("old mode "))
                OldMode = line["old mode ".Length..].Trim().ToString();
            else if (line.StartsWith("new mode "))
                NewMode = line["new mode ".Length..].Trim().ToString();
            else if (line.StartsWith("rename from ") || line.StartsWith("copy from "))
            {
                Change = line.StartsWith("rename") ? ChangeType.Renamed : ChangeType.Copied;
                OldPath = Unquote(line[(line.IndexOf(" from ") + 6)..].ToString());
            }
            else if (line.StartsWith("rename to ") || line.StartsWith("copy to "))
                NewPath = Unquote(line[(line.IndexOf(" to ") + 4)..].ToString());
            else if (line.StartsWith("GIT binary patch") || (line.StartsWith("Binary files ") && line.EndsWith(" differ")))
            {
                Binary = true;
                inBinary = line.StartsWith("GIT binary patch");
            }
        }

        public FileChange? Build()
        {
            if (OldPath is null && NewPath is null)
                return null;
            if (!Git && !HasHunks && !Binary)
                return null; // an "Index:" or "--- " line that led to no diff
            var change = Change;
            if (change == ChangeType.Modified && newFile) change = ChangeType.Added;
            if (change == ChangeType.Modified && deleted) change = ChangeType.Deleted;
            return new FileChange(
                change == ChangeType.Added ? null : OldPath,
                change == ChangeType.Deleted ? null : NewPath,
                change, Binary, OldMode, NewMode, Insertions, Deletions);
        }

        /// <summary>"a/x\tdate" → "x"; "/dev/null" → null.</summary>
        static string? PatchPath(ReadOnlySpan<char> s)
        {
            int tab = s.IndexOf('\t');
            if (tab >= 0)
                s = s[..tab];
            var path = Unquote(s.TrimEnd().ToString());
            if (path == "/dev/null")
                return null;
            int slash = path.IndexOf('/');
            return slash > 0 && (path.StartsWith("a/") || path.StartsWith("b/") || path.Count(c => c == '/') > 0)
                ? StripPrefix(path) : path;
        }

        static string StripPrefix(string path)
        {
            int slash = path.IndexOf('/');
            return slash >= 0 && slash + 1 < path.Length ? path[(slash + 1)..] : path;
        }

        static (string? A, string? B) GitPaths(string s)
        {
            if (s.StartsWith('"'))
            {
                int close = ClosingQuote(s);
                var a = Unquote(s[..(close + 1)]);
                var b = Unquote(s[(close + 1)..].Trim());
                return (StripPrefix(a), StripPrefix(b));
            }
            if (s.EndsWith('"'))
            {
                int open = s.LastIndexOf(" \"", StringComparison.Ordinal);
                if (open > 0)
                    return (StripPrefix(s[..open]), StripPrefix(Unquote(s[(open + 1)..])));
            }
            // Same name on both sides: the middle space splits it ("a/x y b/x y").
            if (s.Length % 2 == 1)
            {
                int mid = s.Length / 2;
                if (s[mid] == ' ' && StripPrefix(s[..mid]) == StripPrefix(s[(mid + 1)..]))
                    return (StripPrefix(s[..mid]), StripPrefix(s[(mid + 1)..]));
            }
            int split = s.IndexOf(" b/", StringComparison.Ordinal);
            if (split < 0)
                split = s.IndexOf(' ');
            return split < 0 ? (null, null) : (StripPrefix(s[..split]), StripPrefix(s[(split + 1)..]));
        }

        static int ClosingQuote(string s)
        {
            for (int i = 1; i < s.Length; i++)
            {
                if (s[i] == '\\') { i++; continue; }
                if (s[i] == '"') return i;
            }
            return s.Length - 1;
        }

        /// <summary>git's C-style quoting of unusual paths: "a/t\303\251st".</summary>
        static string Unquote(string s)
        {
            if (s.Length < 2 || s[0] != '"' || s[^1] != '"')
                return s;
            var bytes = new List<byte>();
            for (int i = 1; i < s.Length - 1; i++)
            {
                char c = s[i];
                if (c != '\\' || i + 1 >= s.Length - 1)
                {
                    bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(c.ToString()));
                    continue;
                }
                char e = s[++i];
                if (e >= '0' && e <= '7' && i + 2 < s.Length - 1)
                {
                    bytes.Add((byte)Convert.ToInt32(s.Substring(i, 3), 8));
                    i += 2;
                    continue;
                }
                bytes.Add((byte)(e switch { 'n' => '\n', 't' => '\t', 'a' => '\a', 'b' => '\b', 'f' => '\f', 'r' => '\r', 'v' => '\v', _ => e }));
            }
            return System.Text.Encoding.UTF8.GetString([.. bytes]);
        }
    }
}
