using System.Text;

namespace ReviewQueue.Git.Apply;

/// <summary>What a diff came to: its files, and what could not be read (with the diff's line number).</summary>
public sealed record ParsedDiff(IReadOnlyList<FilePatch> Files, IReadOnlyList<string> Problems);

/// <summary>
/// Reads a diff the way <c>git apply</c> does (builtin apply.c): git headers with renames, copies,
/// modes and binary hunks, traditional "--- +++" diffs (-p1), and hunks whose line counts must add up.
/// Anything before, between and after the diffs (commit message, diffstat, signature) is skipped.
/// </summary>
public static class DiffParser
{
    public static ParsedDiff Parse(string diff) => Parse(Encoding.UTF8.GetBytes(diff));

    public static ParsedDiff Parse(byte[] diff)
    {
        var lines = new LineCursor(diff);
        var files = new List<FilePatch>();
        var problems = new List<string>();
        while (!lines.AtEnd)
        {
            var line = lines.Peek();
            if (line.StartsWith("diff --git "u8))
            {
                var file = ReadGitFile(lines, problems);
                if (file is not null)
                    files.Add(file);
                continue;
            }
            if (line.StartsWith("--- "u8) && lines.PeekAt(1).StartsWith("+++ "u8) && lines.PeekAt(2).StartsWith("@@ -"u8))
            {
                var file = ReadTraditionalFile(lines, problems);
                if (file is not null)
                    files.Add(file);
                continue;
            }
            lines.Next();
        }
        if (files.Count == 0 && problems.Count == 0)
            problems.Add("no diff found");
        return new ParsedDiff(files, problems);
    }

    static FilePatch? ReadGitFile(LineCursor lines, List<string> problems)
    {
        int headerLine = lines.Number;
        var (defaultOld, defaultNew) = SplitGitNames(Text(lines.Next())["diff --git ".Length..]);
        string? oldPath = defaultOld, newPath = defaultNew;
        bool isNew = false, isDeleted = false, rename = false, copy = false;
        int? oldMode = null, newMode = null;
        string? oldOid = null, newOid = null;
        while (!lines.AtEnd)
        {
            var l = Text(lines.Peek()).TrimEnd('\n');
            if (l.StartsWith("old mode ")) oldMode = Mode(l[9..]);
            else if (l.StartsWith("new mode ")) newMode = Mode(l[9..]);
            else if (l.StartsWith("deleted file mode ")) { isDeleted = true; oldMode = Mode(l[18..]); }
            else if (l.StartsWith("new file mode ")) { isNew = true; newMode = Mode(l[14..]); }
            else if (l.StartsWith("copy from ")) { copy = true; oldPath = Unquote(l[10..], strip: false); }
            else if (l.StartsWith("copy to ")) { copy = true; newPath = Unquote(l[8..], strip: false); }
            else if (l.StartsWith("rename from ")) { rename = true; oldPath = Unquote(l[12..], strip: false); }
            else if (l.StartsWith("rename to ")) { rename = true; newPath = Unquote(l[10..], strip: false); }
            else if (l.StartsWith("rename old ")) { rename = true; oldPath = Unquote(l[11..], strip: false); }
            else if (l.StartsWith("rename new ")) { rename = true; newPath = Unquote(l[11..], strip: false); }
            else if (l.StartsWith("similarity index ") || l.StartsWith("dissimilarity index ")) { }
            else if (l.StartsWith("index "))
            {
                var ids = l[6..];
                int space = ids.IndexOf(' ');
                if (space >= 0)
                {
                    var mode = Mode(ids[(space + 1)..]);
                    oldMode ??= mode;
                    newMode ??= mode;
                    ids = ids[..space];
                }
                int dots = ids.IndexOf("..", StringComparison.Ordinal);
                if (dots > 0)
                {
                    oldOid = ids[..dots];
                    newOid = ids[(dots + 2)..];
                }
            }
            else if (l.StartsWith("--- "))
            {
                var name = TraditionalName(l[4..]);
                if (name is null) isNew = true; else if (!rename && !copy) oldPath = name;
            }
            else if (l.StartsWith("+++ "))
            {
                var name = TraditionalName(l[4..]);
                if (name is null) isDeleted = true; else if (!rename && !copy) newPath = name;
            }
            else
                break;
            lines.Next();
        }
        if (isNew) oldPath = null;
        if (isDeleted) newPath = null;
        if (oldPath is null && newPath is null)
        {
            problems.Add($"line {headerLine}: diff --git header names no file");
            return null;
        }

        if (!lines.AtEnd && lines.Peek().StartsWith("GIT binary patch"u8))
        {
            lines.Next();
            var forward = BinaryPatch.ReadHunk(lines, problems);
            var reverse = forward is null ? null : BinaryPatch.ReadHunk(lines, problems, optional: true);
            if (forward is null)
                return null;
            return new FilePatch(oldPath, newPath, oldMode, newMode, rename, copy, oldOid, newOid, [], new BinaryData(forward, reverse), true);
        }
        if (!lines.AtEnd && lines.Peek().StartsWith("Binary files "u8))
        {
            lines.Next();
            return new FilePatch(oldPath, newPath, oldMode, newMode, rename, copy, oldOid, newOid, [], null, true);
        }
        var hunks = ReadHunks(lines, problems);
        if (hunks is null)
            return null;
        return new FilePatch(oldPath, newPath, oldMode, newMode, rename, copy, oldOid, newOid, hunks, null, false);
    }

    static FilePatch? ReadTraditionalFile(LineCursor lines, List<string> problems)
    {
        var oldName = TraditionalName(Text(lines.Next())[4..]);
        var newName = TraditionalName(Text(lines.Next())[4..]);
        var hunks = ReadHunks(lines, problems);
        if (hunks is null)
            return null;
        // Without git's header, a deletion or creation shows as /dev/null (or an empty side).
        return new FilePatch(oldName, newName, null, null, false, false, null, null, hunks, null, false);
    }

    static List<Hunk>? ReadHunks(LineCursor lines, List<string> problems)
    {
        var hunks = new List<Hunk>();
        while (!lines.AtEnd && lines.Peek().StartsWith("@@ -"u8))
        {
            int at = lines.Number;
            var header = Text(lines.Next()).TrimEnd('\n');
            if (!TryHunkHeader(header, out int os, out int oc, out int ns, out int nc))
            {
                problems.Add($"line {at}: unreadable hunk header: {header}");
                return null;
            }
            var body = new List<HunkLine>();
            int oldLeft = oc, newLeft = nc;
            bool changed = false;
            while (oldLeft > 0 || newLeft > 0)
            {
                if (lines.AtEnd)
                {
                    problems.Add($"line {lines.Number}: corrupt patch: hunk at line {at} ends early");
                    return null;
                }
                var l = lines.Peek();
                if (l.Length == 0 || l[^1] != '\n')
                {
                    problems.Add($"line {lines.Number}: corrupt patch: line without a newline");
                    return null;
                }
                switch ((char)l[0])
                {
                    case '\n':
                        body.Add(new HunkLine(' ', "\n"u8.ToArray())); oldLeft--; newLeft--; break;
                    case ' ':
                        body.Add(new HunkLine(' ', l[1..].ToArray())); oldLeft--; newLeft--; break;
                    case '-':
                        body.Add(new HunkLine('-', l[1..].ToArray())); oldLeft--; changed = true; break;
                    case '+':
                        body.Add(new HunkLine('+', l[1..].ToArray())); newLeft--; changed = true; break;
                    case '\\' when l.Length >= 12 && l[1] == ' ':
                        NoNewline(body); break;
                    default:
                        problems.Add($"line {lines.Number}: corrupt patch at line {lines.Number}");
                        return null;
                }
                lines.Next();
            }
            if (oldLeft < 0 || newLeft < 0 || !changed)
            {
                problems.Add($"line {at}: corrupt patch: hunk line counts do not match");
                return null;
            }
            // An incomplete last line: its marker comes after the counts ran out.
            if (!lines.AtEnd && lines.Peek().Length >= 12 && lines.Peek().StartsWith("\\ "u8))
            {
                NoNewline(body);
                lines.Next();
            }
            hunks.Add(new Hunk(os, oc, ns, nc, body, at, header));
        }
        return hunks;
    }

    static void NoNewline(List<HunkLine> body)
    {
        if (body.Count == 0)
            return;
        var last = body[^1];
        if (last.Text.Length > 0 && last.Text[^1] == '\n')
            body[^1] = last with { Text = last.Text[..^1] };
    }

    static bool TryHunkHeader(string header, out int oldStart, out int oldCount, out int newStart, out int newCount)
    {
        oldStart = oldCount = newStart = newCount = 0;
        // "@@ -l[,s] +l[,s] @@ optional function"
        var parts = header.Split(' ', 5);
        if (parts.Length < 4 || parts[3] != "@@" && !parts[3].StartsWith("@@", StringComparison.Ordinal))
            return false;
        return Range(parts[1], '-', out oldStart, out oldCount) && Range(parts[2], '+', out newStart, out newCount);
    }

    static bool Range(string s, char sign, out int start, out int count)
    {
        start = count = 0;
        if (s.Length < 2 || s[0] != sign)
            return false;
        var comma = s.IndexOf(',');
        if (comma < 0)
        {
            count = 1;
            return int.TryParse(s.AsSpan(1), out start);
        }
        return int.TryParse(s.AsSpan(1, comma - 1), out start) && int.TryParse(s.AsSpan(comma + 1), out count);
    }

    /// <summary>"a/x b/x" from a diff --git line; when the two names differ (a rename) the rename lines say them.</summary>
    static (string?, string?) SplitGitNames(string rest)
    {
        rest = rest.TrimEnd('\n');
        if (rest.StartsWith('"'))
        {
            int end = QuotedEnd(rest);
            var first = Unquote(rest[..(end + 1)]);
            var second = Unquote(rest[(end + 1)..].TrimStart());
            return (first, second);
        }
        // Same name on both sides: split in the middle so names with spaces survive.
        int half = (rest.Length - 1) / 2;
        if (rest.Length % 2 == 1 && rest[half] == ' ' && StripPrefix(rest[..half]) == StripPrefix(rest[(half + 1)..]))
            return (StripPrefix(rest[..half]), StripPrefix(rest[(half + 1)..]));
        int split = rest.IndexOf(" b/", StringComparison.Ordinal);
        if (split < 0)
            split = rest.IndexOf(' ');
        if (split < 0)
            return (null, null);
        return (StripPrefix(rest[..split]), Unquote(rest[(split + 1)..]));
    }

    static int QuotedEnd(string s)
    {
        for (int i = 1; i < s.Length; i++)
        {
            if (s[i] == '\\') i++;
            else if (s[i] == '"') return i;
        }
        return s.Length - 1;
    }

    /// <summary>The name from a "--- a/x" or "+++ b/x" line, without its prefix; null for /dev/null.</summary>
    static string? TraditionalName(string s)
    {
        s = s.TrimEnd('\n');
        if (!s.StartsWith('"'))
        {
            int tab = s.IndexOf('\t');
            if (tab >= 0)
                s = s[..tab];
        }
        s = s.TrimEnd('\r');
        if (s == "/dev/null")
            return null;
        return Unquote(s);
    }

    static string? Unquote(string s, bool strip = true)
    {
        s = s.TrimEnd('\n');
        if (s.Length >= 2 && s[0] == '"' && s[^1] == '"')
            s = CUnquote(s[1..^1]);
        return strip ? StripPrefix(s) : s;
    }

    /// <summary>-p1: drops everything up to the first slash.</summary>
    static string StripPrefix(string s)
    {
        int slash = s.IndexOf('/');
        return slash < 0 ? s : s[(slash + 1)..];
    }

    static string CUnquote(string s)
    {
        var bytes = new List<byte>();
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i + 1 >= s.Length)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString()));
                continue;
            }
            char c = s[++i];
            switch (c)
            {
                case 'n': bytes.Add((byte)'\n'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case 'a': bytes.Add(7); break;
                case 'b': bytes.Add(8); break;
                case 'f': bytes.Add(12); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case 'v': bytes.Add(11); break;
                case >= '0' and <= '7' when i + 2 < s.Length:
                    bytes.Add((byte)Convert.ToInt32(s.Substring(i, 3), 8));
                    i += 2;
                    break;
                default: bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString())); break;
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    static int? Mode(string s) =>
        int.TryParse(s.Trim(), System.Globalization.NumberStyles.None, null, out _)
            ? Convert.ToInt32(s.Trim(), 8)
            : null;

    static string Text(ReadOnlySpan<byte> line) => Encoding.UTF8.GetString(line);
}
