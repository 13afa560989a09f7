using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// An N: line: a Perl /x regex searched in a path, which then belongs to the section at depth 0. Built on first
/// use: most paths are ruled out by <see cref="Literal"/> (a run of plain characters every match must contain),
/// so a load, and most lookups, never build most of them.
/// </summary>
sealed class NamePattern(MaintainersField field, int sectionIndex)
{
    public MaintainersField Field { get; } = field;
    public int SectionIndex { get; } = sectionIndex;
    public string? Literal { get; } = RequiredLiteral.Of(field.Value);
    public string? Error => regex.Value.Error;

    sealed record Built(SafeRegex? Regex, string? Error);

    readonly Lazy<Built> regex = new(() =>
        new Built(SafeRegex.TryCreate(field.Value, RegexOptions.IgnorePatternWhitespace, out var error), error));

    public bool Matches(string path) =>
        (Literal is null || path.Contains(Literal, StringComparison.Ordinal)) && (regex.Value.Regex?.IsMatch(path) ?? false);
}
