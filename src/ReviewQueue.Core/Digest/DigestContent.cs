using ReviewQueue.Core.Subsystems;

namespace ReviewQueue.Core.Digest;

/// <summary>What one digest says: the series waiting for review that one recipient follows.</summary>
/// <param name="Period">The schedule period this digest covers (e.g. "2026-11-26T07:00Z"); shown in the subject.</param>
public sealed record DigestContent(string Recipient, string Period, IReadOnlyList<DigestSubsystem> Subsystems)
{
    /// <summary>How many series are shown; the others are counted and linked to. By default all.</summary>
    public DigestBound Bound { get; init; } = DigestBound.None;

    /// <summary>Distinct series: one the source lists under two subsystems counts once (<see cref="Only"/> lists it once).</summary>
    public int SeriesCount => Subsystems.SelectMany(s => s.Series).Select(s => s.TopicId).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Nothing to say: no digest is sent.</summary>
    public bool IsEmpty => SeriesCount == 0;

    /// <summary>
    /// Only the named subsystems (none named: all) and series waiting at least <paramref name="minAge"/>, each series once:
    /// under the first of its <see cref="DigestSeries.Subsystems"/> kept here, THE REST last. Linux's MAINTAINERS has every
    /// file in THE REST and a driver's files in its own section beside its subsystem's, so listed under each, a series came
    /// two to fourteen times in a digest of every section; THE REST, first for a patch whose first file is MAINTAINERS, says
    /// least of where it waits. It is a fix when a fix of it waits in any section kept.
    /// </summary>
    public DigestContent Only(IReadOnlyCollection<string> subsystems, TimeSpan minAge)
    {
        var kept = Subsystems
            .Where(s => subsystems.Count == 0 || subsystems.Contains(s.Name, StringComparer.OrdinalIgnoreCase))
            .Select(s => s with { Series = s.Series.Where(x => x.Age >= minAge).ToList(), OnPage = s.OnPage ?? s.Series.Count })
            .Where(s => s.Series.Count > 0)
            .ToList();
        var names = kept.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var home = new Dictionary<string, string>(StringComparer.Ordinal);
        var fix = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var s in kept)
            foreach (var x in s.Series)
            {
                home.TryAdd(x.TopicId, x.Subsystems?.OrderBy(n => n == Section.TheRest).FirstOrDefault(names.Contains) ?? s.Name);
                fix[x.TopicId] = fix.GetValueOrDefault(x.TopicId) || x.Fix;
            }
        return this with
        {
            Subsystems = kept
                .Select(s => s with { Series = s.Series.Where(x => home[x.TopicId] == s.Name).Select(x => x with { Fix = fix[x.TopicId] }).ToList() })
                .Where(s => s.Series.Count > 0)
                .ToList(),
        };
    }
}

/// <summary>One MAINTAINERS subsystem and its waiting series.</summary>
/// <param name="OnPage">
/// How many series wait in the section in all, as its dashboard page lists them; null: <paramref name="Series"/> are all.
/// <see cref="DigestContent.Only"/> keeps the count: a digest lists a series under one section alone and leaves out the young.
/// </param>
public sealed record DigestSubsystem(string Name, IReadOnlyList<DigestSeries> Series, int? OnPage = null);

/// <summary>One series revision waiting for review.</summary>
/// <param name="TopicId">The dashboard's id of the topic (/series/&lt;id&gt;).</param>
/// <param name="VersionLabel">"v3", or "v1" for a first posting.</param>
/// <param name="Age">Since the topic's first posting.</param>
/// <param name="Reviewed">Patches of this revision with a review trailer.</param>
/// <param name="Total">Patches in this revision.</param>
/// <param name="Fix">A fix (Fixes:, Cc: stable): listed first, the costliest debt.</param>
/// <param name="MessageId">The revision's cover letter or first patch, without angle brackets.</param>
/// <param name="Subsystems">
/// Every section it waits in, the most specific of its first files first (as the backlog lists them): where a digest
/// lists it, and the others it names. None given: it is listed under the first section that has it.
/// </param>
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
    string MessageId,
    IReadOnlyList<string>? Subsystems = null);
