using ReviewQueue.Configuration;

namespace ReviewQueue.Debt;

/// <summary>
/// Why a section asked for by name has no backlog: no section has that name (<paramref name="Section"/> null, with the
/// closest names that exist), or the section exists and nothing waits in it.
/// </summary>
public sealed record SectionMiss(string Asked, string? Section, IReadOnlyList<string> Suggestions)
{
    public string Message => Section is not null
        ? $"nothing waits for review in {Section}"
        : Suggestions.Count > 0
            ? $"no section named '{Asked}' (did you mean {string.Join(", ", Suggestions.Select(s => $"'{s}'"))}?)"
            : $"no section named '{Asked}'";

    /// <summary>Up to three names: those holding the asked words first (shortest first), then the fewest edits away.</summary>
    public static IReadOnlyList<string> Closest(string asked, IEnumerable<string> known)
    {
        var a = asked.Trim();
        if (a.Length == 0)
            return [];
        var holding = known.Where(n => n.Contains(a, StringComparison.OrdinalIgnoreCase)).OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal);
        var near = known.Select(n => (Name: n, Edits: Math.Abs(n.Length - a.Length) > a.Length / 3 + 1 ? int.MaxValue : KnownSections.Distance(a.ToLowerInvariant(), n.ToLowerInvariant())))
            .Where(x => x.Edits <= a.Length / 3 + 1).OrderBy(x => x.Edits).ThenBy(x => x.Name, StringComparer.Ordinal).Select(x => x.Name);
        return holding.Concat(near).Distinct(StringComparer.Ordinal).Take(3).ToList();
    }
}
