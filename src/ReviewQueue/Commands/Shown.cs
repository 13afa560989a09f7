using System.Buffers;
using System.Text;
using Spectre.Console;

namespace ReviewQueue.Commands;

/// <summary>
/// Text from mail as a command writes it for people. A subject or a name may hold any character (RFC 2047 carries any
/// byte): written to a terminal as it is, ESC [ 2 J clears the screen, ESC ] 0 sets the window's title, ESC ] 52 writes
/// the clipboard, a carriage return writes over what the line said. Control characters are shown as `cat -v` and less
/// show them: ^[ for ESC, ^M, ^? for DEL, &lt;9b&gt; for a C1 control. JSON escapes them itself; `am` and `--csv` are data.
/// </summary>
public static class Shown
{
    static readonly SearchValues<char> Controls = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n')).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c)]);

    /// <summary>One line (a cell, a title): its control characters visible, a line break among them.</summary>
    public static string Visible(string? text) => Visible(text ?? "", keepLineBreaks: false);

    /// <summary>Text of many lines (a topic, a digest's body): line breaks kept, every other control character visible.</summary>
    public static string Lines(string text) => Visible(text, keepLineBreaks: true);

    /// <summary>A table cell: <see cref="Visible"/>, then escaped for Spectre's markup.</summary>
    public static string Escape(string? text) => Markup.Escape(Visible(text));

    static string Visible(string text, bool keepLineBreaks)
    {
        var span = text.AsSpan();
        if (!span.ContainsAny(Controls) && (keepLineBreaks || !span.Contains('\n')))
            return text;
        var shown = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c == '\n' ? keepLineBreaks : !Controls.Contains(c))
                shown.Append(c);
            else if (c < 0x20)
                shown.Append('^').Append((char)(c + 0x40));
            else if (c == 0x7F)
                shown.Append("^?");
            else
                shown.Append('<').Append(((int)c).ToString("x2")).Append('>');
        }
        return shown.ToString();
    }
}
