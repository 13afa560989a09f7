using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// A K: line: a Perl /x regex searched in a patch. Before the first "---"/"+++" line any line counts (commit
/// message, headers); after it only added or removed lines do, as get_maintainer.pl prefixes "^[+-].*".
/// The regexes are built on first use (a patch read, or <see cref="Error"/> asked): loading MAINTAINERS to map
/// paths needs none of them.
/// </summary>
public sealed class KeywordPattern
{
    public MaintainersField Field { get; }
    public int SectionIndex { get; }
    public string? Error => compiled.Value.Error;
    readonly Lazy<Compiled> compiled;

    sealed record Compiled(SafeRegex? Anywhere, SafeRegex? Changed, string? Error);

    public KeywordPattern(MaintainersField field, int sectionIndex)
    {
        Field = field;
        SectionIndex = sectionIndex;
        compiled = new(() =>
        {
            var anywhere = SafeRegex.TryCreate(field.Value, RegexOptions.IgnorePatternWhitespace, out var error);
            // Concatenated without a group, as get_maintainer.pl does: a top-level "|" escapes the prefix there too.
            var changed = SafeRegex.TryCreate("^[+-].*" + field.Value, RegexOptions.IgnorePatternWhitespace, out var error2);
            return new Compiled(anywhere, changed, error ?? error2);
        });
    }

    public bool Matches(string line, bool inDiff) =>
        (inDiff ? compiled.Value.Changed : compiled.Value.Anywhere)?.IsMatch(line) ?? false;
}
