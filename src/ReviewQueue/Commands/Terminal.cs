using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ReviewQueue.Commands;

/// <summary>
/// Tables for people. On a terminal they fit its width (Spectre.Console's boxes). Piped (to less, grep, awk, a mail)
/// they are plain text as git's and ps's output is: the title on a line of its own, then a header and one line per
/// row, columns padded with spaces and nothing wrapped. Spectre would assume 80 columns there and wrap every title and
/// id, and laying out tens of thousands of rows in boxes takes seconds.
/// </summary>
public static class Terminal
{
    public static void Write(Table table)
    {
        var options = RenderOptions.Create(AnsiConsole.Console);
        if (!Console.IsOutputRedirected)
        {
            // Boxes where the columns fit; on a narrow terminal (80 columns) every column would be cut to a few letters,
            // words and figures broken across lines ("HARDWA RE", "82691" over ".9"): one block per row instead.
            int width = AnsiConsole.Profile.Width;
            var (cells, _) = Cells(table, options);
            if (FitsInBoxes(cells, width))
                AnsiConsole.Write(table);
            else
                Console.Out.Write(Expanded(table.Title is { } t ? Plain(new Markup(t.Text, t.Style), options) : null, cells, width));
            return;
        }
        Console.Out.Write(Plain(table, options));
    }

    /// <summary>Spectre wraps a cell at its spaces: boxes fit when every column gets its longest word (and its borders).</summary>
    internal static bool FitsInBoxes(IReadOnlyList<string[]> cells, int width)
    {
        var words = cells[0].Select((_, i) => cells.Max(row => i < row.Length ? row[i].Split(' ').Max(Width) : 0)).ToArray();
        return words.Sum() + 3 * words.Length + 1 <= width;
    }

    /// <summary>The table as plain text, columns padded with spaces, nothing wrapped (for a pipe).</summary>
    static string Plain(Table table, RenderOptions options)
    {
        var (cells, widths) = Cells(table, options);
        var output = new StringBuilder();
        if (table.Title is { } title)
            output.Append(Plain(new Markup(title.Text, title.Style), options)).Append('\n');
        foreach (var row in cells)
            Line(output, row, widths);
        return output.ToString();
    }

    /// <summary>The header, then every row, as plain cells; and each column's widest cell.</summary>
    static (List<string[]> Cells, int[] Widths) Cells(Table table, RenderOptions options)
    {
        var cells = new List<string[]> { table.Columns.Select(c => Plain(c.Header, options)).ToArray() };
        cells.AddRange(table.Rows.Select(r => r.Select(cell => Plain(cell, options)).ToArray()));
        var widths = cells[0].Select(Width).ToArray();
        foreach (var row in cells)
            for (int i = 0; i < row.Length && i < widths.Length; i++)
                widths[i] = Math.Max(widths[i], Width(row[i]));
        return (cells, widths);
    }

    /// <summary>
    /// A table too wide for the terminal, one block per row as psql's expanded display has it: the first two cells (a rank
    /// and a name, an id and its age) on a line, then every other non-empty cell as "header: value", wrapped to the width
    /// under an indent, never inside a value that fits on a line.
    /// </summary>
    internal static string Expanded(string? title, IReadOnlyList<string[]> cells, int width)
    {
        const string Indent = "   ";
        var output = new StringBuilder();
        if (title is not null)
            output.Append(title).Append('\n');
        var header = cells[0];
        foreach (var row in cells.Skip(1))
        {
            output.Append(string.Join("  ", row.Take(2).Where(c => c.Length > 0))).Append('\n');
            var items = row.Select((cell, i) => (cell, i)).Skip(2).Where(c => c.cell.Length > 0)
                .Select(c => c.i < header.Length ? $"{header[c.i]}: {c.cell}" : c.cell);
            int column = 0;
            foreach (var item in items)
            {
                // A new line for an item that does not fit after the last; one longer than a line flows word by word.
                if (column > 0 && column + 2 + Width(item) > width - 1)
                {
                    output.Append('\n');
                    column = 0;
                }
                if (column > 0)
                {
                    output.Append(';');
                    column++;
                }
                foreach (var word in item.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (column > Indent.Length && column + 1 + Width(word) > width - 1)
                    {
                        output.Append('\n');
                        column = 0;
                    }
                    if (column == 0)
                    {
                        output.Append(Indent);
                        column = Indent.Length;
                    }
                    else
                    {
                        output.Append(' ');
                        column++;
                    }
                    output.Append(word);
                    column += Width(word);
                }
            }
            if (column > 0)
                output.Append('\n');
        }
        return output.ToString();
    }

    static void Line(StringBuilder output, string[] cells, int[] widths)
    {
        int start = output.Length;
        for (int i = 0; i < cells.Length; i++)
        {
            output.Append(cells[i]);
            if (i < cells.Length - 1)
                output.Append(' ', widths[i] - Width(cells[i]) + 2);
        }
        // No padding after the last column.
        while (output.Length > start && output[^1] == ' ')
            output.Length--;
        output.Append('\n');
    }

    /// <summary>The columns a text takes on a terminal: a CJK letter takes two (an author's name in them), a combining mark none.</summary>
    internal static int Width(string text) => System.Text.Ascii.IsValid(text) ? text.Length : new Segment(text).CellCount();

    /// <summary>A cell's text without markup, on one line.</summary>
    static string Plain(IRenderable cell, RenderOptions options)
    {
        var text = new StringBuilder();
        foreach (var segment in cell.Render(options, int.MaxValue / 2))
            if (!segment.IsControlCode)
                text.Append(segment.IsLineBreak ? " " : segment.Text);
        return text.ToString().Trim();
    }
}
