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
    public IReadOnlyList<MaintainersProblem> Problems { get; }

    /// <summary>Letters get_maintainer.pl (or a project's copy of it) gives a meaning to; V: is Xen's.</summary>
    public const string KnownLetters = "MRLSWQBCPTFXNKV";

    MaintainersFile(IReadOnlyList<Section> sections, IReadOnlyList<MaintainersProblem> problems)
    {
        Sections = sections;
        Problems = problems;
    }

    public static MaintainersFile Parse(string text, string fileName = "MAINTAINERS") => Parse([(fileName, text)]);

    /// <summary>Reads several files as one, in the order given (U-Boot's board MAINTAINERS files).</summary>
    public static MaintainersFile Parse(IEnumerable<(string FileName, string Text)> files)
    {
        var sections = new List<Section>();
        var problems = new List<MaintainersProblem>();
        int ordinal = 0;
        foreach (var (fileName, text) in files)
            new Reader(fileName, sections, problems).Read(text, ref ordinal);
        return new MaintainersFile(sections, problems);
    }

    /// <summary>True when the line is a field by get_maintainer.pl's rule (^[A-Z]:), and its letter and value.</summary>
    public static bool TryReadField(string line, out char letter, out string value)
    {
        letter = '\0';
        value = "";
        if (line.Length < 2 || line[0] is < 'A' or > 'Z' || line[1] != ':')
            return false;
        letter = line[0];
        int i = 2;
        // Perl's \s: space, tab, and the rarer vertical whitespace.
        while (i < line.Length && line[i] is ' ' or '\t' or '\f' or '\v')
            i++;
        value = line[i..];
        return true;
    }

    static bool IsSkipped(string line)
    {
        var trimmed = line.AsSpan().TrimStart();
        return trimmed.IsEmpty || trimmed[0] == '#';
    }

    sealed class Reader(string fileName, List<Section> sections, List<MaintainersProblem> problems)
    {
        static readonly ParserOptions Lenient = ParserOptions.Default.Clone();

        string? title;
        int titleLine;
        string? group;
        List<MaintainersField>? fields;
        bool seenSection;
        string? heading;
        int headingLine;

        public void Read(string text, ref int ordinal)
        {
            int lineNumber = 0;
            string? previousText = null;
            int previousTextLine = 0;
            foreach (var raw in text.Split('\n'))
            {
                lineNumber++;
                var line = raw.EndsWith('\r') ? raw[..^1] : raw;
                if (IsSkipped(line))
                    continue;
                int here = ordinal++;
                if (TryReadField(line, out var letter, out var value))
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
                        Report(lineNumber, line, "field before any section title");
                        title = line;
                        titleLine = lineNumber;
                        fields = [];
                        seenSection = true;
                    }
                    var field = new MaintainersField(letter, value, fileName, lineNumber, here);
                    Check(field, line);
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
                    Report(lineNumber, line, "indented field: get_maintainer.pl reads it as a section title");
                else if (seenSection && line.Length > 1 && line[0] is >= 'a' and <= 'z' && line[1] == ':')
                    Report(lineNumber, line, "lower-case field letter: get_maintainer.pl reads it as a section title");
                if (fields is not null)
                    Close();
                previousText = line;
                previousTextLine = lineNumber;
                heading = null;
            }
            Close();
            if (previousText is not null && seenSection)
                Report(previousTextLine, previousText, "section title without fields at the end of the file");
        }

        static bool LooksLikeField(string s) => s.Length > 1 && s[0] is >= 'A' and <= 'Z' && s[1] == ':';

        static bool IsUnderline(string line)
        {
            var t = line.Trim();
            return t.Length >= 3 && t.All(c => c == '-' || c == '=');
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

        void Check(MaintainersField field, string line)
        {
            if (!KnownLetters.Contains(field.Letter))
                Report(field.Line, line, $"unknown field letter {field.Letter}:");
            if (field.Value.Trim().Length == 0)
            {
                Report(field.Line, line, "field without a value");
                return;
            }
            if (field.Letter is 'M' or 'R' && !field.Value.Contains('@'))
                Report(field.Line, line, "person without an address");
            else if (field.Letter is 'M' or 'R' && !MailboxAddress.TryParse(Lenient, field.Value, out _)
                && !InternetAddressList.TryParse(Lenient, field.Value, out _))
                Report(field.Line, line, "address that cannot be parsed");
            else if (field.Letter == 'L' && !field.Value.Contains('@'))
                Report(field.Line, line, "list without an address");
        }

        void Report(int line, string text, string reason) => problems.Add(new MaintainersProblem(fileName, line, text, reason));
    }
}
