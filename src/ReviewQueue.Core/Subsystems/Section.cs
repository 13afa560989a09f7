namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// A MAINTAINERS section: its title line and the fields under it. <see cref="Group"/> is the heading the section
/// sits under in files that group sections (QEMU's "-----" underlined headings), or null.
/// </summary>
public sealed record Section(string Name, IReadOnlyList<MaintainersField> Fields, string File, int Line, string? Group = null)
{
    public IEnumerable<string> Values(char letter) => Fields.Where(f => f.Letter == letter).Select(f => f.Value);

    /// <summary>The last S: line, as get_maintainer.pl reads it; null when the section has none.</summary>
    public string? Status => Fields.LastOrDefault(f => f.Letter == 'S')?.Value;

    public IEnumerable<string> Maintainers => Values('M');
    public IEnumerable<string> Reviewers => Values('R');
    public IEnumerable<string> Lists => Values('L');

    /// <summary>True for the catch-all section every path falls into.</summary>
    public bool IsTheRest => Name == TheRest;

    public const string TheRest = "THE REST";

    /// <summary>The word get_maintainer.pl puts before ":SECTION" for an M: person, derived from S:.</summary>
    public string MaintainerRole => (Status ?? "unknown").ToLowerInvariant() switch
    {
        "supported" => "supporter",
        "maintained" => "maintainer",
        "odd fixes" => "odd fixer",
        "orphan" => "orphan minder",
        "obsolete" => "obsolete minder",
        "buried alive in reporters" => "chief penguin",
        var other => other,
    };

    public override string ToString() => Name;
}
