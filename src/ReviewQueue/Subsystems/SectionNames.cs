using ReviewQueue.Configuration;
using ReviewQueue.Core.Subsystems;

namespace ReviewQueue.Subsystems;

/// <summary>
/// The MAINTAINERS section titles a name given on the command line may mean, and THE REST (every file no other
/// section claims, and every file when there is no MAINTAINERS). Names match as digests match them: case aside.
/// </summary>
public sealed class SectionNames
{
    readonly IReadOnlyList<string> known;

    public SectionNames(IEnumerable<string> titles) =>
        known = titles.Append(Section.TheRest).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The title as MAINTAINERS writes it (spelled so exactly, else in another case), or null when no section has this name.</summary>
    public string? Canonical(string name)
    {
        // Blanks around a name are no part of it.
        var wanted = name.Trim();
        return known.FirstOrDefault(k => k == wanted) ?? known.FirstOrDefault(k => string.Equals(k, wanted, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Up to <paramref name="count"/> titles a mistyped name may have meant: the nearest by edits (a few, more for
    /// longer names), else the ones holding it as a word ("hwmon" for "HWMON CORE").
    /// </summary>
    public IReadOnlyList<string> Closest(string name, int count = 3)
    {
        var wanted = name.Trim().ToUpperInvariant();
        var limit = Math.Max(2, wanted.Length / 4);
        var near = known
            .Where(k => Math.Abs(k.Length - wanted.Length) <= limit)
            .Select(k => (Title: k, Distance: KnownSections.Distance(wanted, k.ToUpperInvariant())))
            .Where(x => x.Distance <= limit)
            .OrderBy(x => x.Distance).ThenBy(x => x.Title, StringComparer.Ordinal)
            .Select(x => x.Title).Take(count).ToList();
        if (near.Count > 0 || wanted.Length < 3)
            return near;
        return known.Where(k => k.Contains(wanted, StringComparison.OrdinalIgnoreCase))
            .OrderBy(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).Take(count).ToList();
    }
}
