namespace ReviewQueue.Core.Series;

/// <summary>
/// A topic as it stood at a past moment, cut from its assembled whole: revisions, patches, replies,
/// trailers, NAKs, withdrawals and acceptances dated later are left out, and the newest revision posted
/// by then is the one that supersedes the others. Cheap enough to ask for every day of a topic's life
/// (the daily debt history does), where assembling every topic again per day is not.
/// </summary>
public static class TopicAsOf
{
    /// <summary>The topic at <paramref name="moment"/>, or null when none of it was posted yet.</summary>
    public static Topic? AsOf(this Topic topic, DateTimeOffset moment)
    {
        if (topic.FirstPosted > moment)
            return null;
        var kept = topic.Revisions.Where(r => r.Posted <= moment).ToList();
        if (kept.Count == 0)
            return null;
        // The revisions keep the assembler's order (version, then posting time), so the last one is the newest.
        var newest = kept[^1];
        var revisions = kept.Select((r, i) => Cut(r, moment, r == newest ? null : newest, r == newest ? null : SeriesAssembler.NextPosted(kept, i))).ToList();
        var first = kept.MinBy(r => r.Posted)!;
        return topic with { Title = newest.Title, Author = first.Author, FirstPosted = first.Posted, Revisions = revisions };
    }

    static SeriesRevision Cut(SeriesRevision r, DateTimeOffset moment, SeriesRevision? newest, DateTimeOffset? superseded) => r with
    {
        SupersededBy = newest?.Id,
        SupersededAt = superseded,
        WithdrawnAt = r.WithdrawnAt <= moment ? r.WithdrawnAt : null,
        Patches = r.Patches.Where(p => p.Date <= moment).Select(p => Cut(p, moment)).ToList(),
        CoverTrailers = Until(r.CoverTrailers, t => t.Date, moment),
        CoverDiscussion = Until(r.CoverDiscussion, d => d.Date, moment),
    };

    static SeriesPatch Cut(SeriesPatch p, DateTimeOffset moment) => p with
    {
        Trailers = TrailersUntil(p, moment),
        Shadowed = [],
        Discussion = Until(p.Discussion, d => d.Date, moment),
        ObjectedBy = p.ObjectedAt <= moment ? p.ObjectedBy : null,
        Accepted = p.Accepted is { } a && a.Date <= moment ? a : null,
    };

    /// <summary>The trailers kept by then: where the kept one came later, the first of its repeats given by then.</summary>
    static IReadOnlyList<GivenTrailer> TrailersUntil(SeriesPatch p, DateTimeOffset moment)
    {
        if (p.Shadowed.Count == 0)
            return Until(p.Trailers, t => t.Date, moment);
        var kept = new List<GivenTrailer>();
        foreach (var t in p.Trailers)
        {
            if (t.Date <= moment)
            {
                kept.Add(t);
                continue;
            }
            var key = SeriesAssembler.TrailerKey(t.Name, t.Value);
            if (p.Shadowed.FirstOrDefault(s => s.Date <= moment && SeriesAssembler.TrailerKey(s.Name, s.Value).Equals(key, StringComparison.OrdinalIgnoreCase)) is { } earlier)
                kept.Add(earlier);
        }
        return kept;
    }

    static IReadOnlyList<T> Until<T>(IReadOnlyList<T> items, Func<T, DateTimeOffset> date, DateTimeOffset moment)
    {
        foreach (var item in items)
            if (date(item) > moment)
                return items.Where(i => date(i) <= moment).ToList();
        return items;
    }

    /// <summary>Every moment at which something in the topic happened: what AsOf can tell apart.</summary>
    public static IEnumerable<DateTimeOffset> Moments(this Topic topic)
    {
        foreach (var r in topic.Revisions)
        {
            yield return r.Posted;
            if (r.WithdrawnAt is { } w)
                yield return w;
            foreach (var t in r.CoverTrailers)
                yield return t.Date;
            foreach (var d in r.CoverDiscussion)
                yield return d.Date;
            foreach (var p in r.Patches)
            {
                yield return p.Date;
                foreach (var t in p.Trailers.Concat(p.Shadowed))
                    yield return t.Date;
                foreach (var d in p.Discussion)
                    yield return d.Date;
                if (p.ObjectedAt is { } o)
                    yield return o;
                if (p.Accepted is { } a)
                    yield return a.Date;
            }
        }
    }
}
