using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// A K: line: a Perl /x regex searched in a patch. Before the first "---"/"+++" line any line counts (commit
/// message, headers); after it only added or removed lines do, as get_maintainer.pl prefixes "^[+-].*".
/// </summary>
public sealed class KeywordPattern
{
    public MaintainersField Field { get; }
    public int SectionIndex { get; }
    public string? Error { get; }
    readonly SafeRegex? anywhere;
    readonly SafeRegex? changed;

    public KeywordPattern(MaintainersField field, int sectionIndex)
    {
        Field = field;
        SectionIndex = sectionIndex;
        anywhere = SafeRegex.TryCreate(field.Value, RegexOptions.IgnorePatternWhitespace, out var error);
        // Concatenated without a group, as get_maintainer.pl does: a top-level "|" escapes the prefix there too.
        changed = SafeRegex.TryCreate("^[+-].*" + field.Value, RegexOptions.IgnorePatternWhitespace, out var error2);
        Error = error ?? error2;
    }

    public bool Matches(string line, bool inDiff) =>
        (inDiff ? changed : anywhere)?.IsMatch(line) ?? false;
}
