using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// What get_maintainer.pl takes from a patch: the paths it touches (from "diff --git", "---"/"+++", renames and mode
/// changes, sorted and each once) and the K: lines it matches (anywhere before the diff, then in +/- lines only).
/// </summary>
public static class PatchFiles
{
    static readonly Regex ModeChange = new(@"^ mode change [0-7]+ => [0-7]+ (\S+)\s*$", RegexOptions.CultureInvariant);
    static readonly Regex Rename = new(@"^rename (?:from|to) (\S+)\s*$", RegexOptions.CultureInvariant);
    static readonly Regex DiffGit = new(@"^diff --git a/(\S+) b/(\S+)\s*$", RegexOptions.CultureInvariant);
    static readonly Regex FileLine = new(@"^(?:\+\+\+|---)\s+(\S+)", RegexOptions.CultureInvariant);
    static readonly Regex Hunk = new(@"^@@ -(\d+),(\d+)", RegexOptions.CultureInvariant);

    public sealed record Result(IReadOnlyList<string> Paths, IReadOnlyList<KeywordPattern> Keywords);

    /// <summary>Reads one patch (or several concatenated: a series); keywords come from <paramref name="matcher"/>.</summary>
    public static Result Read(string patchText, SubsystemMatcher? matcher)
    {
        var paths = new List<string>();
        var hits = new HashSet<KeywordPattern>();
        bool inDiff = false;
        foreach (var raw in patchText.Split('\n'))
        {
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
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
            else if (Hunk.IsMatch(line))
            {
            }
            else if (matcher is not null)
            {
                foreach (var k in matcher.Keywords)
                    if (!hits.Contains(k) && k.Matches(line, inDiff))
                        hits.Add(k);
            }
        }
        var sorted = paths.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        // get_maintainer.pl sorts keyword hits by line number as text ("10" before "9").
        var keywords = hits.OrderBy(k => k.Field.Ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal).ToList();
        return new Result(sorted, keywords);
    }
}
