using System.Runtime.CompilerServices;
using MimeKit;

namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// A parsed MAINTAINERS file (or several merged, as U-Boot keeps one per board directory). Lines are read the way
/// get_maintainer.pl reads them: "X:" followed by optional blanks is a field (the kernel writes a tab, QEMU a
/// space); blank lines and "#" comments are skipped; any other line is the title of the fields that follow it.
/// Lines that look wrong are kept as get_maintainer.pl keeps them and also reported in <see cref="Problems"/>.
/// </summary>
public sealed class MaintainersFile
{
    public IReadOnlyList<Section> Sections { get; }

    /// <summary>Every line that looks wrong, in file order. Whether an address parses is asked of MimeKit only
    /// here, on first use: a load that nobody asks about problems does not pay for MimeKit's parser.</summary>
    public IReadOnlyList<MaintainersProblem> Problems => problems.Value;

    readonly Lazy<IReadOnlyList<MaintainersProblem>> problems;

    /// <summary>Letters get_maintainer.pl (or a project's copy of it) gives a meaning to; V: is Xen's.</summary>
    public const string KnownLetters = "MRLSWQBCPTFXNKV";

    MaintainersFile(IReadOnlyList<Section> sections, List<MaintainersProblem> found, List<PendingAddress> pending)
    {
        Sections = sections;
        problems = new(() => WithAddressProblems(found, pending));
    }

    public static MaintainersFile Parse(string text, string fileName = "MAINTAINERS")
    {
        var sections = new List<Section>();
        var problems = new List<MaintainersProblem>();
        var pending = new List<PendingAddress>();
        int ordinal = 0;
        new Reader(fileName, sections, problems, pending).Read(text, ref ordinal);
        return new MaintainersFile(sections, problems, pending);
    }

    /// <summary>Reads several files as one, in the order given (U-Boot's board MAINTAINERS files).</summary>
    public static MaintainersFile Parse(IEnumerable<(string FileName, string Text)> files)
    {
        var sections = new List<Section>();
        var problems = new List<MaintainersProblem>();
        var pending = new List<PendingAddress>();
        int ordinal = 0;
        foreach (var (fileName, text) in files)
            new Reader(fileName, sections, problems, pending).Read(text, ref ordinal);
        return new MaintainersFile(sections, problems, pending);
    }

    /// <summary>True when the line is a field by get_maintainer.pl's rule (^[A-Z]:), and its letter and value.</summary>
    public static bool TryReadField(string line, out char letter, out string value)
    {
        bool isField = TryReadField(line, out letter, out int valueStart);
        value = isField ? line[valueStart..] : "";
        return isField;
    }

    static bool TryReadField(ReadOnlySpan<char> line, out char letter, out int valueStart)
    {
        letter = '\0';
        valueStart = 0;
        if (line.Length < 2 || line[0] is < 'A' or > 'Z' || line[1] != ':')
            return false;
        letter = line[0];
        int i = 2;
        // Perl's \s: space, tab, and the rarer vertical whitespace.
        while (i < line.Length && line[i] is ' ' or '\t' or '\f' or '\v')
            i++;
        valueStart = i;
        return true;
    }

    static bool IsSkipped(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart();
        return trimmed.IsEmpty || trimmed[0] == '#';
    }

    /// <summary>An M:/R: line whose address MimeKit is still to judge; <see cref="Position"/> is where its problem
    /// goes among the others, <see cref="Separator"/> what stood between "M:" and the value (to quote the line).</summary>
    sealed record PendingAddress(int Position, MaintainersField Field, string Separator);

    static List<MaintainersProblem> WithAddressProblems(List<MaintainersProblem> found, List<PendingAddress> pending)
    {
        var all = new List<MaintainersProblem>(found.Count);
        var lenient = ParserOptions.Default.Clone();
        int next = 0;
        foreach (var (position, field, separator) in pending)
        {
            if (MailboxAddress.TryParse(lenient, field.Value, out _) || InternetAddressList.TryParse(lenient, field.Value, out _))
                continue;
            while (next < position)
                all.Add(found[next++]);
            all.Add(new MaintainersProblem(field.File, field.Line, $"{field.Letter}:{separator}{field.Value}", "address that cannot be parsed"));
        }
        while (next < found.Count)
            all.Add(found[next++]);
        return all;
    }

    sealed class Reader(string fileName, List<Section> sections, List<MaintainersProblem> problems, List<PendingAddress> pending)
    {
        string? title;
        int titleLine;
        string? group;
        List<MaintainersField>? fields;
        bool seenSection;
        string? heading;
        int headingLine;

        // Runs once per load over every line of the file: compiled optimised at once instead of as tier-0 code.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Read(string text, ref int ordinal)
        {
            int lineNumber = 0;
            string? previousText = null;
            int previousTextLine = 0;
            var rest = text.AsSpan();
            for (bool more = true; more;)
            {
                int end = rest.IndexOf('\n');
                var line = end < 0 ? rest : rest[..end];
                more = end >= 0;
                rest = more ? rest[(end + 1)..] : default;
                lineNumber++;
                if (line.EndsWith('\r'))
                    line = line[..^1];
                if (IsSkipped(line))
                    continue;
                int here = ordinal++;
                if (TryReadField(line, out var letter, out int valueStart))
                {
                    if (previousText is not null)
                    {
                        Close();
                        title = previousText;
                        titleLine = previousTextLine;
                        fields = [];
                        previousText = null;
                        seenSection = true;
                    }
                    else if (fields is null && heading is not null)
                    {
                        // QEMU: a group heading directly followed by fields is itself a section.
                        title = heading;
                        titleLine = headingLine;
                        fields = [];
                        seenSection = true;
                    }
                    else if (fields is null)
                    {
                        Report(lineNumber, line.ToString(), "field before any section title");
                        title = line.ToString();
                        titleLine = lineNumber;
                        fields = [];
                        seenSection = true;
                    }
                    var field = new MaintainersField(letter, line[valueStart..].ToString(), fileName, lineNumber, here);
                    Check(field, line, valueStart);
                    fields!.Add(field);
                    heading = null;
                    continue;
                }
                // A text line: the next section's title, a QEMU group underline, or (before any section) preamble.
                if (IsUnderline(line) && previousText is not null)
                {
                    group = heading = previousText.Trim();
                    headingLine = previousTextLine;
                    previousText = null;
                    continue;
                }
                if (previousText is not null && seenSection)
                    Report(previousTextLine, previousText, "text line that is neither a field nor followed by fields (a section title without fields?)");
                if (seenSection && line.Length > 2 && char.IsWhiteSpace(line[0]) && LooksLikeField(line.TrimStart()))
                    Report(lineNumber, line.ToString(), "indented field: get_maintainer.pl reads it as a section title");
                else if (seenSection && line.Length > 1 && line[0] is >= 'a' and <= 'z' && line[1] == ':')
                    Report(lineNumber, line.ToString(), "lower-case field letter: get_maintainer.pl reads it as a section title");
                if (fields is not null)
                    Close();
                previousText = line.ToString();
                previousTextLine = lineNumber;
                heading = null;
            }
            Close();
            if (previousText is not null && seenSection)
                Report(previousTextLine, previousText, "section title without fields at the end of the file");
        }

        static bool LooksLikeField(ReadOnlySpan<char> s) => s.Length > 1 && s[0] is >= 'A' and <= 'Z' && s[1] == ':';

        static bool IsUnderline(ReadOnlySpan<char> line)
        {
            var t = line.Trim();
            return t.Length >= 3 && !t.ContainsAnyExcept('-', '=');
        }

        void Close()
        {
            if (title is not null && fields is not null)
            {
                sections.Add(new Section(title, fields, fileName, titleLine, group));
            }
            title = null;
            fields = null;
        }

        void Check(MaintainersField field, ReadOnlySpan<char> line, int valueStart)
        {
            if (!KnownLetters.Contains(field.Letter))
                Report(field.Line, line.ToString(), $"unknown field letter {field.Letter}:");
            if (field.Value.AsSpan().Trim().IsEmpty)
            {
                Report(field.Line, line.ToString(), "field without a value");
                return;
            }
            if (field.Letter is 'M' or 'R' && !field.Value.Contains('@'))
                Report(field.Line, line.ToString(), "person without an address");
            else if (field.Letter is 'M' or 'R')
                pending.Add(new PendingAddress(problems.Count, field, Separator(line[2..valueStart])));
            else if (field.Letter == 'L' && !field.Value.Contains('@'))
                Report(field.Line, line.ToString(), "list without an address");
        }

        static string Separator(ReadOnlySpan<char> s) => s switch
        {
            "\t" => "\t",
            " " => " ",
            _ => s.ToString(),
        };

        void Report(int line, string text, string reason) => problems.Add(new MaintainersProblem(fileName, line, text, reason));
    }
}
