using System.Text.RegularExpressions;
using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Series;

/// <summary>
/// What a reply says in its own (unquoted) words above the signature: a maintainer's "Applied"
/// (plain, or b4 ty's "[n/m] title" + "commit: sha" list), a NAK, an author's withdrawal.
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
        bool said = false;
        var items = new List<AppliedItem>();
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            char first = FirstVisible(line);
            if (first is 'A' or 'T' or 'S' or 'P' or 'B' && AppliedLine().Match(line) is { Success: true } m)
            {
                said = true;
                tree ??= TreeOf(m.Groups["rest"].Value, lines, i);
                continue;
            }
            if (first == '[' && ItemLine().Match(line) is { Success: true } item)
            {
                // b4 ty puts "commit: sha", a commit link ("…/c/sha") or "(no commit info)" under the item.
                string? commit = null;
                for (int j = i + 1; j < Math.Min(lines.Count, i + 3); j++)
                {
                    var c = CommitLine().Match(lines[j]);
                    if (c.Success)
                    {
                        commit = c.Groups[1].Value.ToLowerInvariant();
                        break;
                    }
                    if (ItemLine().IsMatch(lines[j]))
                        break;
                }
                items.Add(new AppliedItem(int.Parse(item.Groups[1].Value), int.Parse(item.Groups[2].Value), item.Groups[3].Value.Trim(), commit));
            }
        }
        // A b4 ty list counts only with the words that go with it. Every item is kept, with or without a
        // commit b4 could find ("(no commit info)"): a list that names items concerns those items only, even
        // when none has a commit (FollowupCollector accepts the ones with a commit). No list: the whole series.
        if (!said)
            return null;
        return new AppliedNote(tree, items);
    }

    static string? TreeOf(string rest, List<string> lines, int at)
    {
        var m = ToTree().Match(rest);
        if (m.Success)
            return m.Groups[1].Value.TrimEnd('.', ',', '!', ':');
        if (rest.Trim().Equals("to", StringComparison.OrdinalIgnoreCase) || rest.TrimEnd().EndsWith(" to", StringComparison.OrdinalIgnoreCase))
        {
            // b4 ty: "Applied to" then the repository URL and branch on the next non-blank line.
            var next = lines.Skip(at + 1).FirstOrDefault(l => l.Trim().Length > 0)?.Trim();
            if (next is not null)
            {
                var parts = next.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                return parts.Length >= 2 ? parts[^1] : parts[0];
            }
        }
        return null;
    }

    // "Applied.", "Applied, thanks!", "Applied to hwmon-next.", "Thanks, applied.", "Series applied to …"
    [GeneratedRegex(@"^\s*(?:(?:Applied|APPLIED)(?<rest>(?:[.,!:]|\s+to\b|\s*$).*)|(?:Thanks,?\s+|(?:Series|Patch(?:es)?|Both|All)\s+)(?:applied|queued)(?<rest>\b.*))$")]
    private static partial Regex AppliedLine();

    [GeneratedRegex(@"\bto\s+(?:the\s+)?([\w./-]*[\w/-])", RegexOptions.IgnoreCase)]
    private static partial Regex ToTree();

    [GeneratedRegex(@"^\s*\[(\d{1,4})/(\d{1,4})\]\s+(.+)$")]
    private static partial Regex ItemLine();

    // "commit: sha", "commit: <link>", or a bare link: ".../c/sha" (b4's commit URL mask), "...?id=sha" (cgit).
    [GeneratedRegex(@"^\s*(?:commit:\s+(?:https?://\S*?(?:/c/|[?&]id=))?|https?://\S*?(?:/c/|[?&]id=))([0-9a-fA-F]{7,40})\b")]
    private static partial Regex CommitLine();

    [GeneratedRegex(@"^\s*(?:self[- ]?nak|please\s+(?:drop|ignore|disregard)\s+(?:this|the)\s+(?:patch|series|version)|(?:this|the)\s+(?:patch|series)\s+is\s+withdrawn)", RegexOptions.IgnoreCase)]
    private static partial Regex WithdrawLine();
}
