using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// What get_maintainer.pl takes from a patch: the paths it touches (from "diff --git", "---"/"+++", renames and mode
/// changes, sorted and each once) and the K: lines it matches (anywhere before the diff, then in +/- lines only).
/// A line the script takes as a file name, a hunk header or a "Fixes: SHA" line is not searched for keywords; a
/// line is searched as Perl reads it, with its line end ("\r\n" or "\n").
/// </summary>
public static class PatchFiles
{
    static readonly Regex ModeChange = new(@"^ mode change [0-7]+ => [0-7]+ (\S+)\s*$", RegexOptions.CultureInvariant);
    static readonly Regex Rename = new(@"^rename (?:from|to) (\S+)\s*$", RegexOptions.CultureInvariant);
    static readonly Regex DiffGit = new(@"^diff --git a/(\S+) b/(\S+)\s*$", RegexOptions.CultureInvariant);
    static readonly Regex FileLine = new(@"^(?:\+\+\+|---)\s+(\S+)", RegexOptions.CultureInvariant);
    static readonly Regex Hunk = new(@"^@@ -(\d+),(\d+)", RegexOptions.CultureInvariant);
    // The script collects these for --fixes (git blame of the fixed commit) and so never matches K: against them.
    static readonly Regex Fixes = new(@"^Fixes:\s+[0-9a-fA-F]{6,40}", RegexOptions.CultureInvariant);

    public sealed record Result(IReadOnlyList<string> Paths, IReadOnlyList<KeywordPattern> Keywords);

    /// <summary>Reads one patch file (one patch, or a series' mbox read as one text as the script reads it); keywords
    /// come from <paramref name="matcher"/>.</summary>
    public static Result Read(string patchText, SubsystemMatcher? matcher) => Read([patchText], matcher);

    /// <summary>Several patch files, as get_maintainer.pl given several: their paths and keyword hits merged, and each
    /// file read from its start (its commit message searched whole again).</summary>
    public static Result Read(IEnumerable<string> patchTexts, SubsystemMatcher? matcher)
    {
        var paths = new List<string>();
        var hits = new HashSet<KeywordPattern>();
        foreach (var text in patchTexts)
            ReadOne(text, matcher, paths, hits);
        var sorted = paths.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        // get_maintainer.pl sorts keyword hits by line number as text ("10" before "9").
        var keywords = hits.OrderBy(k => k.Field.Ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal).ToList();
        return new Result(sorted, keywords);
    }

    static void ReadOne(string patchText, SubsystemMatcher? matcher, List<string> paths, HashSet<KeywordPattern> hits)
    {
        bool inDiff = false;
        int start = 0;
        while (start < patchText.Length)
        {
            int nl = patchText.IndexOf('\n', start);
            int next = nl < 0 ? patchText.Length : nl + 1;
            // What Perl's <$patch> gives: the line with its "\n" (and a "\r" before it), which K: sees ("\s$", "\r").
            var asRead = patchText[start..next];
            start = next;
            var line = asRead.EndsWith('\n') ? asRead[..^1] : asRead;
            if (line.EndsWith('\r'))
                line = line[..^1];
            Match m;
            if ((m = ModeChange.Match(line)).Success || (m = Rename.Match(line)).Success)
                paths.Add(m.Groups[1].Value);
            else if ((m = DiffGit.Match(line)).Success)
            {
                paths.Add(m.Groups[1].Value);
                paths.Add(m.Groups[2].Value);
            }
            else if ((m = FileLine.Match(line)).Success)
            {
                var name = m.Groups[1].Value;
                var slash = name.IndexOf('/');
                // "a/x" and "b/x" lose their first directory; "/dev/null" becomes "dev/null" as in get_maintainer.pl.
                paths.Add(slash >= 0 ? name[(slash + 1)..] : name);
                inDiff = true;
            }
            else if (Hunk.IsMatch(line) || Fixes.IsMatch(line))
            {
            }
            else if (matcher is not null)
            {
                foreach (var k in matcher.Keywords)
                    if (!hits.Contains(k) && k.Matches(asRead, inDiff))
                        hits.Add(k);
            }
        }
    }
}
