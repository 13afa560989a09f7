namespace ReviewQueue.Core.Subsystems;

/// <summary>The answer for a path, a patch or a series: the sections in get_maintainer.pl's order and its recipients.</summary>
public sealed record MaintainersAnswer(
    IReadOnlyList<string> Paths,
    IReadOnlyList<SectionMatch> Sections,
    IReadOnlyList<Section> KeywordSections,
    IReadOnlyList<Recipient> Recipients);
