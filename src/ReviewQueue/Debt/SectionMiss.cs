namespace ReviewQueue.Debt;

/// <summary>
/// Why a section asked for by name has no backlog: no section has that name (<paramref name="Section"/> null, with the
/// closest names that exist: SectionNames.Closest), or the section exists and nothing waits in it.
/// </summary>
public sealed record SectionMiss(string Asked, string? Section, IReadOnlyList<string> Suggestions)
{
    public string Message => Section is not null
        ? $"nothing waits for review in {Section}"
        : Suggestions.Count > 0
            ? $"no section named '{Asked}' (did you mean {string.Join(", ", Suggestions.Select(s => $"'{s}'"))}?)"
            : $"no section named '{Asked}'";
}
