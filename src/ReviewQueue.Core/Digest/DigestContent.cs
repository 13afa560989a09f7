namespace ReviewQueue.Core.Digest;

/// <summary>What one digest says: the series waiting for review that one recipient follows.</summary>
/// <param name="Period">The schedule period this digest covers (e.g. "2026-11-26T07:00Z"); shown in the subject.</param>
public sealed record DigestContent(string Recipient, string Period, IReadOnlyList<DigestSubsystem> Subsystems)
{
    /// <summary>Distinct series: one touching two subsystems is listed under both but counted once.</summary>
    public int SeriesCount => Subsystems.SelectMany(s => s.Series).Select(s => s.TopicId).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Nothing to say: no digest is sent.</summary>
    public bool IsEmpty => SeriesCount == 0;

    /// <summary>Only the named subsystems (none named: all) and series waiting at least <paramref name="minAge"/>.</summary>
    public DigestContent Only(IReadOnlyCollection<string> subsystems, TimeSpan minAge) => this with
    {
        Subsystems = Subsystems
            .Where(s => subsystems.Count == 0 || subsystems.Contains(s.Name, StringComparer.OrdinalIgnoreCase))
            .Select(s => s with { Series = s.Series.Where(x => x.Age >= minAge).ToList() })
            .Where(s => s.Series.Count > 0)
            .ToList(),
    };
}

/// <summary>One MAINTAINERS subsystem and its waiting series.</summary>
public sealed record DigestSubsystem(string Name, IReadOnlyList<DigestSeries> Series);

/// <summary>One series revision waiting for review.</summary>
/// <param name="TopicId">The dashboard's id of the topic (/series/&lt;id&gt;).</param>
/// <param name="VersionLabel">"v3", or "v1" for a first posting.</param>
/// <param name="Age">Since the topic's first posting.</param>
/// <param name="Reviewed">Patches of this revision with a review trailer.</param>
/// <param name="Total">Patches in this revision.</param>
/// <param name="Fix">A fix (Fixes:, Cc: stable): listed first, the costliest debt.</param>
/// <param name="MessageId">The revision's cover letter or first patch, without angle brackets.</param>
public sealed record DigestSeries(
    string TopicId,
    string Title,
    string VersionLabel,
    TimeSpan Age,
    int Reviewed,
    int Total,
    string Author,
    IReadOnlyList<string> SuggestedReviewers,
    bool Fix,
    string MessageId);
