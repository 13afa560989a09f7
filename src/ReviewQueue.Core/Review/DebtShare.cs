using ReviewQueue.Core.Series;

namespace ReviewQueue.Core.Review;

/// <summary>
/// One topic's part in the debt at a moment: where it stands, the sections its current revision maps
/// to (or <see cref="ReviewDebt.NoSection"/>), and for each of them the waiting patches that count
/// there: a patch counts in the sections of its own files, and one that names no file in all of them. A section
/// whose patches were all reviewed owes nothing (<see cref="OwedBy"/>).
/// </summary>
public sealed record DebtShare(TopicStanding Standing, IReadOnlyList<string> Sections, IReadOnlyList<IReadOnlyList<SeriesPatch>> WaitingIn)
{
    public static DebtShare Of(Topic topic, ReviewRules rules, SectionLookup sections, DateTimeOffset asOf)
    {
        var standing = TopicStanding.Of(topic, rules, asOf);
        var patchSections = topic.Current.Patches.ToDictionary(p => p.MessageId, sections.Of, StringComparer.Ordinal);
        var topicSections = patchSections.Values.SelectMany(x => x).Distinct(StringComparer.Ordinal).ToList();
        if (topicSections.Count == 0)
            topicSections.Add(ReviewDebt.NoSection);
        var waitingIn = topicSections
            .Select(section => (IReadOnlyList<SeriesPatch>)standing.Waiting
                .Where(p => patchSections[p.MessageId] is var ps && (ps.Count == 0 ? topicSections : ps).Contains(section))
                .ToList())
            .ToList();
        return new DebtShare(standing, topicSections, waitingIn);
    }

    /// <summary>Whether the section at <paramref name="i"/> owes the series a review: it is in debt and waits there.</summary>
    public bool OwedBy(int i) => Standing.InDebt && WaitingIn[i].Count > 0;
}

/// <summary>
/// The sections a patch's files map to, asked of the map once per distinct list of files (a topic is measured on
/// each of its event days). At most <see cref="Held"/> lists are kept, then it starts over: the topics may be many.
/// </summary>
public sealed class SectionLookup(ISubsystemMap map)
{
    const int Held = 4096;
    readonly Dictionary<string, IReadOnlyList<string>> cache = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Of(SeriesPatch patch)
    {
        if (patch.Files.Count == 0)
            return [];
        var key = string.Join('\n', patch.Files);
        if (!cache.TryGetValue(key, out var sections))
        {
            if (cache.Count >= Held)
                cache.Clear();
            cache[key] = sections = map.SectionsOf(patch.Files);
        }
        return sections;
    }
}
