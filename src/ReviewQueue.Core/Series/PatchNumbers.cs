using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Series;

/// <summary>
/// The patch numbers an "Applied" line names or leaves out, read in its first sentence: "Applied patch 1 to hwmon-next",
/// "Applied patches 1 and 2", "Applied 1-3 to …", "Patches 1-2 applied", "Applied 1/3 and 3/3" name patches; "Applied all
/// but patch 3", "Applied, except for patch 2", "… but not 2", "dropped 4" leave them out. A number counts only where a
/// patch number can stand: right after "Applied" or "patch(es)", alone (no version "6.12", date "2024-10-05", or
/// count "2 patches"), and followed by punctuation, the line's end or a joining word.
/// </summary>
public static partial class PatchNumbers
{
    /// <param name="Only">The numbers named, or null.</param>
    /// <param name="Except">The numbers left out, or null.</param>
    /// <param name="Before">Where the words about single patches begin ("except for patch 2 which conflicts", ", patch
    /// 3 fails to build"): what comes before is the note about the rest, and only it tells of a try or a tree.</param>
    public sealed record Read(IReadOnlyList<int>? Only, IReadOnlyList<int>? Except, int Before);

    /// <summary>The numbers of an "Applied" line, or null when it names none.</summary>
    public static Read? Of(string line)
    {
        var sentence = line[..FirstSentenceLength(line)];
        // Most notes name no number ("Applied to hwmon-next, thanks"): no search for them (the case-blind alternation
        // of LeftOut is a vectorised search compiled on first use).
        if (!HasDigit(sentence))
            return null;
        List<int>? only = null, except = null;
        int before = sentence.Length;
        if (Named().Match(sentence) is { Success: true } named)
        {
            var list = named.Groups["list"];
            only = Numbers(list.Value);
            if (Clause().Match(sentence, list.Index + list.Length) is { Success: true } clause)
                before = clause.Index;
        }
        else if (AllBut().Match(sentence) is { Success: true } allBut)
        {
            except = Numbers(allBut.Groups["list"].Value);
            before = allBut.Groups["cut"].Index;
        }
        if (except is null && LeftOut().Match(sentence) is { Success: true } left)
        {
            except = Numbers(left.Groups["list"].Value);
            before = Math.Min(before, left.Index);
        }
        if (only is { Count: 0 })
            only = null;
        if (except is { Count: 0 })
            except = null;
        if (only is null && except is null)
            return null;
        return new Read(only, except, before);
    }

    /// <summary>How long a note's first sentence is: up to a '.', '!' or '?' that ends a word, else the whole line.</summary>
    internal static int FirstSentenceLength(string line) => SentenceEnd().Match(line) is { Success: true } end ? end.Index : line.Length;

    internal static bool HasDigit(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
            if (char.IsAsciiDigit(c))
                return true;
        return false;
    }

    /// <summary>"1-3, 5 and 7/9" as 1, 2, 3, 5, 7; a range that runs backwards is no range of patches.</summary>
    static List<int> Numbers(string list)
    {
        var numbers = new List<int>();
        foreach (Match part in Part().Matches(list))
        {
            int from = int.Parse(part.Groups[1].Value);
            int to = part.Groups[2].Success ? int.Parse(part.Groups[2].Value) : from;
            if (from < 1 || to < from)
                continue;
            for (int n = from; n <= to; n++)
                numbers.Add(n);
        }
        return numbers;
    }

    // One number: 1-3 digits, or n/m (the index of m), not part of a version, date or larger number.
    const string Number = @"\d{1,3}(?:/\d{1,3})?(?![\d.]?\d|/)";
    const string Range = Number + @"(?:\s*[-–]\s*" + Number + ")?";
    const string Patch = @"(?:(?:the\s+)?(?:[Pp]atch(?:es)?|PATCH(?:ES)?)\s+#?|#)";
    const string List = "(?<list>" + Range + @"(?:\s*(?:,\s*(?:and\s+)?|&|and|or)\s*" + Patch + "?" + Range + ")*)";
    // After the list: punctuation, the end, or a word that goes on with the sentence ("1-3 to hwmon-next", "patch 2 which conflicts").
    const string Then = @"(?=\s*(?:[.,;:!)]|$)|\s+(?:to|which|that|as|because|since|for|from|thanks|and|but|due|in|into|on|onto|with|now|here|too|also)\b)";

    [GeneratedRegex(@"^\s*(?:(?:Thanks,?\s+)?(?:Applied|APPLIED|applied)\s+" + Patch + "?" + List + Then
        + @"|" + Patch + List + @"\s+(?:applied|queued)\b)")]
    private static partial Regex Named();

    [GeneratedRegex(@"^\s*(?:Thanks,?\s+)?(?:Applied|APPLIED|applied)\s+(?<cut>all\s+but\s+" + Patch + "?" + List + Then + ")")]
    private static partial Regex AllBut();

    [GeneratedRegex(@"\b(?:[Ee]xcept(?:\s+for)?|but\s+not|[Dd]ropped|[Dd]ropping|[Ss]kipped|[Ss]kipping|[Ww]ithout)\s+" + Patch + "?" + List + Then)]
    private static partial Regex LeftOut();

    // Where a named list's sentence goes on about another patch: ", patch 3 needs work", "but patch 3 …".
    [GeneratedRegex(@"(?:,\s*|\s+but\s+|\s+and\s+)" + Patch + @"\d")]
    private static partial Regex Clause();

    [GeneratedRegex(@"(\d{1,3})(?:/\d{1,3})?(?:\s*[-–]\s*(\d{1,3})(?:/\d{1,3})?)?")]
    private static partial Regex Part();

    [GeneratedRegex(@"[.!?](?=\s|$)")]
    private static partial Regex SentenceEnd();
}
