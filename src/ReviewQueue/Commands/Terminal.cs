using Spectre.Console;
using Spectre.Console.Rendering;

namespace ReviewQueue.Commands;

/// <summary>
/// Tables for people. On a terminal they fit its width; piped (to less, grep, a mail) they are as wide as their
/// content, one line per row, as git's output is: Spectre.Console would otherwise assume 80 columns and wrap
/// every title and id it cannot fit.
/// </summary>
public static class Terminal
{
    /// <summary>Wide enough for any row we print; a table is only as wide as its content.</summary>
    const int PipedWidth = 1 << 14;

    public static void Write(IRenderable table)
    {
        if (Console.IsOutputRedirected)
            AnsiConsole.Profile.Width = PipedWidth;
        AnsiConsole.Write(table);
    }
}
