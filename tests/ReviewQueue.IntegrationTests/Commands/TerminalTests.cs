using ReviewQueue.Commands;

namespace ReviewQueue.IntegrationTests.Commands;

/// <summary>
/// On an 80-column terminal `backlog`'s ten columns in boxes were cut to a few letters each, words and figures broken
/// across lines ("HARDWA" over "RE", "13229" over "6.2"): a table that does not fit is written one block per row.
/// </summary>
public sealed class TerminalTests
{
    static readonly string[] Header = ["#", "subsystem", "open series", "waiting patches", "patch-days", "first review median/p90 (h)", "reviewed before accept"];

    static readonly List<string[]> Backlog =
    [
        Header,
        ["1", "HARDWARE MONITORING", "62", "107", "82691", "13.8 / 152", "18 % of 76"],
        ["2", "TMP513 HARDWARE MONITOR DRIVER", "2", "2", "1434", "", "0 % of 1"],
    ];

    [Fact]
    public void BoxesAreKeptWhereEveryColumnGetsItsLongestWord()
    {
        Assert.True(Terminal.FitsInBoxes(Backlog, 120));
        Assert.True(Terminal.FitsInBoxes(Backlog, 74)); // 52 for the longest words, 22 for the borders
        Assert.False(Terminal.FitsInBoxes(Backlog, 73));
    }

    [Fact]
    public void ATableTooWideIsOneBlockPerRowWithNothingBrokenInside()
    {
        var text = Terminal.Expanded("Review debt, worst first", Backlog, 60);

        Assert.Equal(
            """
            Review debt, worst first
            1  HARDWARE MONITORING
               open series: 62; waiting patches: 107; patch-days: 82691
               first review median/p90 (h): 13.8 / 152
               reviewed before accept: 18 % of 76
            2  TMP513 HARDWARE MONITOR DRIVER
               open series: 2; waiting patches: 2; patch-days: 1434
               reviewed before accept: 0 % of 1

            """.ReplaceLineEndings("\n"), text);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length < 60, line));
    }

    [Fact]
    public void AValueLongerThanALineFlowsWordByWordUnderTheIndent()
    {
        List<string[]> waiting =
        [
            ["id", "age (days)", "suggested reviewers"],
            ["5265301e3f95", "738", "Radu Sabau <radu.sabau@analog.com>, Jean Delvare <jdelvare@suse.com>, Guenter Roeck <linux@roeck-us.net>"],
        ];

        var lines = Terminal.Expanded(null, waiting, 50).TrimEnd('\n').Split('\n');

        Assert.Equal("5265301e3f95  738", lines[0]);
        Assert.Equal("   suggested reviewers: Radu Sabau", lines[1]);
        Assert.All(lines.Skip(1), line => Assert.StartsWith("   ", line));
        Assert.All(lines, line => Assert.True(line.Length < 50, line));
        Assert.Equal(waiting[1][2], string.Join(" ", lines.Skip(1).Select(l => l.Trim())).Replace("suggested reviewers: ", ""));
    }

    /// <summary>A CJK letter takes two columns of a terminal: a name in them is measured so, not by its count of letters.</summary>
    [Fact]
    public void WideLettersCountTwoColumns()
    {
        List<string[]> people = [["author"], ["张三张三"]];

        Assert.True(Terminal.FitsInBoxes(people, 12));
        Assert.False(Terminal.FitsInBoxes(people, 11));
    }
}
