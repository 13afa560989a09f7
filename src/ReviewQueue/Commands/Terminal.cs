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
        if (!Console.IsOutputRedirected)
        {
            AnsiConsole.Write(table);
            return;
        }
        var options = RenderOptions.Create(AnsiConsole.Console);
        var header = table.Columns.Select(c => Plain(c.Header, options)).ToArray();
        var rows = table.Rows.Select(r => r.Select(cell => Plain(cell, options)).ToArray()).ToList();
        var widths = header.Select(h => h.Length).ToArray();
        foreach (var row in rows)
            for (int i = 0; i < row.Length && i < widths.Length; i++)
                widths[i] = Math.Max(widths[i], row[i].Length);
        var output = new StringBuilder();
        if (table.Title is { } title)
            output.Append(Plain(new Markup(title.Text, title.Style), options)).Append('\n');
        Line(output, header, widths);
        foreach (var row in rows)
            Line(output, row, widths);
        Console.Out.Write(output.ToString());
    }

    static void Line(StringBuilder output, string[] cells, int[] widths)
    {
        int start = output.Length;
        for (int i = 0; i < cells.Length; i++)
        {
            output.Append(cells[i]);
            if (i < cells.Length - 1)
                output.Append(' ', widths[i] - cells[i].Length + 2);
        }
        // No padding after the last column.
        while (output.Length > start && output[^1] == ' ')
            output.Length--;
        output.Append('\n');
    }

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
