namespace ReviewQueue.Core.Series;

/// <summary>
/// The second pass of <see cref="SeriesGroups"/>: threads joined by what assembly reads of the postings in them.
/// Each thread's postings are found as threading finds them (before unthreaded ones merge), then threads join
/// when their postings share a sender (address or name) and normalized cover or first-patch title (TopicLinker's
/// title link), or a title and the same with a driver tag added (its tag link, whatever the versions and files), a
/// change-id (its change-id link), or, for postings without a parent that could merge (total above 1), sender,
/// total, version and resend with dates in one chain of steps within PostingFinder's window. A merged
/// posting's titles, change-id and facts are among its parts', so this never splits what assembly joins.
/// Valid for assembling the whole set (no asOf cut). Held: hashes, one entry per posting.
/// </summary>
public sealed class PostingJoin(int threads, Func<string, bool> isBot)
{
    readonly DisjointSets sets = new(threads);
    readonly Dictionary<ulong, int> byTitle = [];
    readonly Dictionary<ulong, int> byChange = [];
    readonly List<(ulong Key, DateTimeOffset Date, int Thread)> line = [];
    readonly List<(ulong Key, int Thread)> tagged = [];

    /// <summary>The mails of one thread, in the order the ledger holds them (the first copy of a Message-ID is the one kept).</summary>
    public void Add(int thread, IReadOnlyList<SeriesMail> mails)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var graph = new MailGraph(mails.Where(m => seen.Add(m.MessageId)));
        foreach (var p in PostingFinder.Threaded(graph, isBot))
        {
            foreach (var title in TopicLinker.Titles(p))
            {
                var plain = DriverTag.Without(title);
                foreach (var sender in (string?[])[p.Sender, p.SenderName is { } name ? "name:" + name : null])
                {
                    if (sender is null)
                        continue;
                    Join(byTitle, SeriesGroups.Hash(sender, title), thread);
                    if (plain is not null)
                        tagged.Add((SeriesGroups.Hash(sender, plain), thread));
                }
            }
            if (p.ChangeId is { } change)
                Join(byChange, SeriesGroups.Hash(change), thread);
            if (graph.Parent(p.Root) is null && p.Total > 1)
                line.Add((SeriesGroups.Hash(p.Sender, $"{p.Total}\n{p.Version}\n{p.VersionMinor}\n{p.Resend}"), p.Date, thread));
        }
    }

    void Join(Dictionary<ulong, int> first, ulong key, int thread)
    {
        if (first.TryGetValue(key, out int other))
            sets.Union(other, thread);
        else
            first[key] = thread;
    }

    /// <summary>The group of every thread, numbered 0.. in order of each group's first thread.</summary>
    public int[] Groups()
    {
        // A tagged title joins the threads that hold it untagged, once all are in.
        foreach (var (key, thread) in tagged)
            if (byTitle.TryGetValue(key, out int other))
                sets.Union(other, thread);
        line.Sort((a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Date.CompareTo(b.Date));
        for (int i = 1; i < line.Count; i++)
            if (line[i].Key == line[i - 1].Key && line[i].Date - line[i - 1].Date <= PostingFinder.SentTogether)
                sets.Union(line[i - 1].Thread, line[i].Thread);

        var number = new Dictionary<int, int>();
        var group = new int[threads];
        for (int t = 0; t < threads; t++)
        {
            int root = sets.Find(t);
            if (!number.TryGetValue(root, out int g))
                number[root] = g = number.Count;
            group[t] = g;
        }
        return group;
    }
}
