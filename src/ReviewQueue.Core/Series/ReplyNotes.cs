using System.Text.RegularExpressions;
using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Series;

/// <summary>
/// What a reply says in its own (unquoted) words above the signature: a maintainer's "Applied"
/// (plain, or b4 ty's "[n/m] title" + "commit: sha" list, or patchwork-bot's "This series was applied to
/// TREE (branch)" with its summary of "- [prefixes,n/m] title" + commit link), a NAK, an author's withdrawal.
/// Whose notes count (a bot's?) is the collector's business.
/// </summary>
public static partial class ReplyNotes
{
    /// <summary>The reply's own lines: not quoted, above the signature.</summary>
    public static IEnumerable<string> OwnLines(string body) => MailBodyFields.UnquotedLines(body);

    /// <summary>
    /// All three notes of a reply from one pass over its own lines: a NAK (a line that starts with an
    /// objection word, "NAK, this breaks X.", per the policy), a withdrawal, an "Applied" note.
    /// </summary>
    public static (bool Nak, bool Withdraws, AppliedNote? Applied) Read(string body, Func<string, bool> isObjectionLine)
    {
        var lines = MailBodyFields.UnquotedLines(body);
        return (lines.Any(isObjectionLine), lines.Any(IsWithdrawal), Applied(lines));
    }

    // Every pattern below is anchored at the line's first visible character: most lines are ruled
    // out by that character alone, without running the regex.

    static bool IsWithdrawal(string line) =>
        FirstVisible(line) is var c && (c > 0x7f || char.ToLowerInvariant(c) is 's' or 'p' or 't') && WithdrawLine().IsMatch(line);

    /// <summary>The first character that is not white space (as regex \s sees it), or '\0'.</summary>
    static char FirstVisible(string line)
    {
        foreach (char c in line)
            if (!char.IsWhiteSpace(c))
                return c;
        return '\0';
    }

    static AppliedNote? Applied(List<string> lines)
    {
        string? tree = null;
        bool said = false, series = false, inPassing = false;
        var items = new List<AppliedItem>();
        List<int>? only = null, except = null;
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            char first = FirstVisible(line);
            if (first is 'A' or 'T' or 'S' or 'P' or 'B' && Note(line, i))
                continue;
            // Not the line's first words: a later sentence ("Thanks a lot for the patch. Applied."), or a clause
            // ("Never mind, applied after fixing the above.", "No concerns, so applied", "I've applied the series to my
            // review-hans branch", "I already applied this patch").
            if (line.Length <= LaterLineLimit && line.Contains("pplied", StringComparison.Ordinal) && Later(line, i))
                continue;
            if (first == 'T' && NoticeLine().Match(line) is { Success: true } notice)
            {
                // patchwork-bot: "This series was applied to netdev/net-next.git (main)"; the tree is before the branch.
                said = true;
                series |= notice.Groups[1].Value == "series";
                tree ??= notice.Groups[2].Value;
                continue;
            }
            if (first == '-' && SummaryLine().Match(line) is { Success: true } summary)
            {
                var counter = Counter().Match(summary.Groups[1].Value);
                items.Add(new AppliedItem(counter.Success ? int.Parse(counter.Groups[1].Value) : null,
                    counter.Success ? int.Parse(counter.Groups[2].Value) : null, summary.Groups[2].Value.Trim(), CommitUnder(lines, i)));
                continue;
            }
            if (first == '[' && ItemLine().Match(line) is { Success: true } item)
            {
                items.Add(new AppliedItem(int.Parse(item.Groups[1].Value), int.Parse(item.Groups[2].Value), item.Groups[3].Value.Trim(), CommitUnder(lines, i)));
            }
        }

        // An "Applied" note in these words (from their first): true when it is one, its tree, numbers and "series" taken.
        bool Note(string words, int at)
        {
            var m = AppliedLine().Match(words);
            char first = FirstVisible(words);
            // Numbers alone are no note: "All fine except patch 2, which needs a comment" is a review.
            var numbers = first is 'A' or 'T' or 'P' && (m.Success || SaysApplied(words)) ? PatchNumbers.Of(words) : null;
            if (!m.Success && numbers is null || Tried(numbers is { } n ? words[..n.Before] : words))
                return false;
            said = true;
            // The words before a clause of numbers ("Applied, except for patch 2 which has to wait") say the tree.
            int cut = numbers?.Before ?? words.Length;
            var r = m.Groups["rest"];
            var rest = !m.Success ? words[..cut] : r.Success ? words[Math.Min(r.Index, cut)..Math.Min(r.Index + r.Length, cut)] : "";
            series |= m.Groups["series"].Success || MaySaySeries(rest) && SaysSeries().IsMatch(rest);
            tree ??= TreeOf(rest, lines, at);
            if (numbers?.Only is { } o)
                (only ??= []).AddRange(o);
            if (numbers?.Except is { } e)
                (except ??= []).AddRange(e);
            return true;
        }

        bool Later(string line, int at)
        {
            // A tester's line tells of the try anywhere in it ("Tested on my board. Applied, no issues seen.").
            if (Tried(line, wholeLine: true))
                return false;
            // A sentence after the first that is a note by itself: "Applied …" or "Thanks, applied …".
            foreach (Match end in SentenceStart().Matches(line))
                if ((line.AsSpan(end.Index).StartsWith("Applied", StringComparison.Ordinal)
                        || line.AsSpan(end.Index).StartsWith("Thanks", StringComparison.Ordinal)) && Note(line[end.Index..], at))
                {
                    inPassing = true;
                    return true;
                }
            var clause = AppliedClause().Match(line);
            if (!clause.Success || clause.Index == 0 && !clause.Groups["i"].Success)
                return false;
            said = inPassing = true;
            var rest = clause.Groups["rest"].Value;
            series |= clause.Groups["series"].Success;
            // Only "applied … to X" names the tree ("I already applied this patch, so there is no need to re-send it" does not).
            if (rest.AsSpan().TrimStart().StartsWith("to", StringComparison.Ordinal))
                tree ??= TreeOf(rest, lines, at);
            return true;
        }
        // A b4 ty list counts only with the words that go with it. Every item is kept, with or without a
        // commit b4 could find ("(no commit info)"): a list that names items concerns those items only, even
        // when none has a commit (FollowupCollector accepts the ones with a commit). No list: the whole series.
        // Numbers named say which patches went in; numbers left out say the rest did ("Applied patches 1-3 and 5,
        // dropped 4" names its patches: the ones it drops are the rest).
        if (!said)
            return null;
        return new AppliedNote(tree, items, series, Sorted(only), only is null ? Sorted(except) : null, inPassing);
    }

    static List<int>? Sorted(List<int>? numbers) => numbers?.Distinct().Order().ToList();

    /// <summary>
    /// The commit under a listed item: b4 ty puts "commit: sha", a commit link ("…/c/sha") or "(no commit info)"
    /// there; patchwork-bot a link, or "(no matching commit)".
    /// </summary>
    static string? CommitUnder(List<string> lines, int at)
    {
        for (int j = at + 1; j < Math.Min(lines.Count, at + 3); j++)
        {
            var c = CommitLine().Match(lines[j]);
            if (c.Success)
                return c.Groups[1].Value.ToLowerInvariant();
            if (ItemLine().IsMatch(lines[j]) || SummaryLine().IsMatch(lines[j]))
                break;
        }
        return null;
    }

    static string? TreeOf(string rest, List<string> lines, int at)
    {
        var m = ToTree().Match(rest);
        if (m.Success)
            return m.Groups[1].Value.TrimEnd('.', ',', '!', ':');
        var end = rest.TrimEnd();
        if (end.Equals("to", StringComparison.OrdinalIgnoreCase) || end.EndsWith(" to", StringComparison.OrdinalIgnoreCase)
            || end.EndsWith(" to my", StringComparison.OrdinalIgnoreCase))
        {
            // b4 ty: "Applied to" then the repository URL and branch on the next non-blank line; or "… to my" then
            // "review-hans branch:".
            var next = lines.Skip(at + 1).FirstOrDefault(l => l.Trim().Length > 0)?.Trim();
            if (next is not null)
            {
                var parts = next.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                return parts.Length >= 2 && parts[^1].TrimEnd(':', '.', ',') is "branch" or "tree" ? parts[^2]
                    : parts.Length >= 2 ? parts[^1] : parts[0];
            }
        }
        return null;
    }

    // "Applied.", "Applied, thanks!", "Applied to hwmon-next.", "Thanks, applied.", "Series applied to …", and the ones
    // that say the series: "Applied the (whole) series", "Applied all 3", "Applied both", "Both/All/Patches applied"
    // (only when the words end there or go on with "to" or punctuation: "Applied all the comments" is the author's).
    [GeneratedRegex(@"^\s*(?:(?:Applied|APPLIED)(?<rest>(?:[.,!:]|\s+to\b|\s*$).*|\s+(?<series>(?:the\s+)?(?:whole\s+|entire\s+)?series|all(?:\s+\d+)?(?:\s+patches)?|both(?:\s+patches)?)(?=\s*(?:[.,!:]|\s+to\b|$)).*)|(?:Thanks,?\s+|(?<series>Series|Patches|Both|All)\s+|Patch\s+)(?:applied|queued)(?<rest>\b.*))$")]
    private static partial Regex AppliedLine();

    /// <summary>Longer lines are prose or pasted logs, not a note in passing; the limit also bounds the work per line.</summary>
    const int LaterLineLimit = 400;

    static bool SaysApplied(string words) =>
        words.Contains("pplied", StringComparison.Ordinal) || words.Contains("queued", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where a sentence after the line's first begins (a few blanks after its end: never a scan back over a long run).</summary>
    [GeneratedRegex(@"(?<=[.!?][ \t]{1,3})\S")]
    private static partial Regex SentenceStart();

    /// <summary>
    /// An "Applied" in a clause of its own, not the line's first words: after a short lead-in and a comma, alone or with
    /// what was done to it ("Never mind, applied after fixing the above.", "No concerns, so applied (as 6.13 material)",
    /// not "the same fix, applied to the other drivers"), or said in the present perfect of this patch or series and
    /// where it went ("Thanks, I've applied this to be picked up through the BMC tree", "I already applied this patch,
    /// so …"; not "I applied this patch, but it still crashes", "I've applied this patch, and the issue is resolved",
    /// "I've applied this in v2", "… to my v3", "… to the next revision", "… to my test kernel", nor a wrapped line
    /// that starts in mid-sentence: "… had not been / applied to -next").
    /// </summary>
    [GeneratedRegex(@"(?:(?<=,[ \t]{1,3})(?:so\s+)?[Aa]pplied(?<rest>[.!](?:\s|$).*|,\s*(?:thanks|so)\b.*|\s+after\b.*|\s*\(.*|\s*$)" +
        @"|(?:^\s*|(?<=[.!?,][ \t]{1,3}))(?<i>I(?:'ve|\s+have)\s+(?:already\s+)?applied|I\s+already\s+applied)\s+" +
        @"(?:(?<series>the\s+(?:whole\s+|entire\s+)?series|this\s+series)|this\s+patch|the\s+patch|this)" +
        @"(?<rest>[.!](?:\s|$).*|,\s*(?:thanks|so|no\s+need)\b.*|\s+to\b(?!\s+(?:my\s+|the\s+)?(?:v\d|local|test|next\s+(?:version|revision)))(?!\s+be\s+(?:tested|built|booted)).*|\s*$))")]
    private static partial Regex AppliedClause();

    /// <summary>A look before SaysSeries, whose case-blind alternation is a vectorised search compiled on first use.</summary>
    static bool MaySaySeries(string rest) =>
        rest.Contains("series", StringComparison.OrdinalIgnoreCase) || rest.Contains("all", StringComparison.OrdinalIgnoreCase)
        || rest.Contains("both", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A tester applies a series to try it and says so with the same word ("Applied, builds and boots fine", "Applied
    /// to v6.11-rc3 and tested"), as does one whose apply failed ("Patch applied fails on hwmon-next"): the first
    /// sentence of the line tells. A maintainer's later sentences ("Applied, thanks. I fixed a build warning") do not.
    /// </summary>
    static bool Tried(string line, bool wholeLine = false)
    {
        var sentence = wholeLine ? line.AsSpan() : line.AsSpan(0, PatchNumbers.FirstSentenceLength(line));
        foreach (var phrase in TriedPhrases)
            if (sentence.Contains(phrase, StringComparison.OrdinalIgnoreCase))
                return true;
        // Word by word (not one case-blind regex of every word: its vectorised search is compiled at every start).
        for (int i = 0; i < sentence.Length;)
        {
            while (i < sentence.Length && !char.IsAsciiLetter(sentence[i]))
                i++;
            int start = i;
            while (i < sentence.Length && char.IsAsciiLetter(sentence[i]))
                i++;
            var word = sentence[start..i];
            foreach (var w in TriedWords)
                if (word.Equals(w, StringComparison.OrdinalIgnoreCase))
                    return true;
        }
        // Only a sentence with a digit can name a release (and the case-blind search for "to"/"on" is a vectorised
        // search compiled on first use: most notes never need it).
        return PatchNumbers.HasDigit(sentence) && OntoRelease().IsMatch(sentence);
    }

    static readonly string[] TriedWords = ["build", "builds", "built", "boot", "boots", "booted", "compile", "compiles", "compiled",
        "tested", "testing", "works", "worked", "fail", "fails", "failed", "conflict", "conflicts", "locally", "rebase"];

    static readonly string[] TriedPhrases = ["on top of", "doesn't apply", "does not apply"];

    /// <summary>Onto a release or release candidate (v6.11-rc3, 6.12): a base to test on, not a tree that takes patches.</summary>
    [GeneratedRegex(@"\b(?:to|on)\s+v?\d+\.\d+(?:\.\d+)?(?:-rc\d+)?(?=[\s,;:!]|\.(?:\s|$)|$)", RegexOptions.IgnoreCase)]
    private static partial Regex OntoRelease();

    [GeneratedRegex(@"\b(?:whole|entire)\s+series\b|^\s*(?:the\s+)?series\b|^\s*(?:all|both)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SaysSeries();

    // patchwork-bot's notice, the whole line: "This patch was applied to netdev/net.git (main)".
    [GeneratedRegex(@"^\s*This (patch|series) was applied to (\S+?)(?:\s+\([^)]*\))?:?\s*$")]
    private static partial Regex NoticeLine();

    // patchwork-bot's summary: "  - [net-next,v2,1/3] net: foo: bar" (the counter is missing for a single patch).
    [GeneratedRegex(@"^\s*-\s+\[([^\]]*)\]\s+(.+)$")]
    private static partial Regex SummaryLine();

    [GeneratedRegex(@"(?:^|[,\s])(\d{1,4})/(\d{1,4})\s*$")]
    private static partial Regex Counter();

    [GeneratedRegex(@"\bto\s+(?:the\s+|my\s+)?(?!(?:be|my|it|this|the)\b)([\w./-]*[\w/-])", RegexOptions.IgnoreCase)]
    private static partial Regex ToTree();

    [GeneratedRegex(@"^\s*\[(\d{1,4})/(\d{1,4})\]\s+(.+)$")]
    private static partial Regex ItemLine();

    // "commit: sha", "commit: <link>", or a bare link: ".../c/sha" (b4's commit URL mask), "...?id=sha" (cgit).
    [GeneratedRegex(@"^\s*(?:commit:\s+(?:https?://\S*?(?:/c/|[?&]id=))?|https?://\S*?(?:/c/|[?&]id=))([0-9a-fA-F]{7,40})\b")]
    private static partial Regex CommitLine();

    [GeneratedRegex(@"^\s*(?:self[- ]?nak|please\s+(?:drop|ignore|disregard)\s+(?:this|the)\s+(?:patch|series|version)|(?:this|the)\s+(?:patch|series)\s+is\s+withdrawn)", RegexOptions.IgnoreCase)]
    private static partial Regex WithdrawLine();
}
