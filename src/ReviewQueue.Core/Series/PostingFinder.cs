namespace ReviewQueue.Core.Series;

/// <summary>
/// Groups patch and cover mails into postings: first by thread (a patch answering a mail of the
/// same sender, version and total is part of its posting), then, for mails sent without threading,
/// by sender, version, total and stable tree within 20 minutes (Patchwork's rule, and backports to
/// 5.10 and 6.1 sent together stay two, while a subject naming no tree may join a backport when only one tree's
/// could take it), never two mails at one counter.
/// </summary>
static class PostingFinder
{
    internal static readonly TimeSpan SentTogether = TimeSpan.FromMinutes(20);

    public static List<Posting> Find(MailGraph graph, Func<string, bool> isBot) => MergeUnthreaded(graph, Threaded(graph, isBot));

    /// <summary>The postings as threading makes them, before unthreaded ones are merged: each within one thread.</summary>
    public static List<Posting> Threaded(MailGraph graph, Func<string, bool> isBot)
    {
        var postingMails = graph.All.Where(m => MailGraph.IsPosting(m) && !isBot(m.FromEmail)).ToList();
        var groups = new Dictionary<string, Posting>(StringComparer.Ordinal);
        var order = new List<Posting>();
        foreach (var m in postingMails)
        {
            var root = RootOf(graph, m);
            if (!groups.TryGetValue(root.MessageId, out var posting))
            {
                posting = new Posting { Root = root };
                groups[root.MessageId] = posting;
                order.Add(posting);
            }
            if (!posting.Members.TryAdd(Counter(m), m))
            {
                // A second mail at the same counter in one thread: a separate posting of its own.
                var alone = new Posting { Root = m };
                alone.Members[Counter(m)] = m;
                groups[m.MessageId] = alone;
                order.Add(alone);
            }
        }
        TakeInVersionSlips(graph, order);
        return order;
    }

    /// <summary>
    /// A patch sent with its cover letter under another version than the cover's ("[PATCH v3 2/3]" answering
    /// "[PATCH v2 0/3]" beside v2 1/3 and 3/3, all in one minute) is a typo, not a one-patch v3: it joins the
    /// cover's posting when its counter fits that series' gap and nothing else under the cover has its version.
    /// b4 takes the typo at its word (a v3 missing 1/3 and 3/3, and v2 missing 2/3). Decided within the thread,
    /// so SeriesGroups finds the same postings per thread.
    /// </summary>
    static void TakeInVersionSlips(MailGraph graph, List<Posting> order)
    {
        foreach (var alone in order.Where(p => p.Members.Count == 1).ToList())
        {
            // A cover alone may have taken a patch in by now.
            if (alone.Members.Count != 1)
                continue;
            var m = alone.Members.Values.Single();
            if (m.Kind != SeriesMailKind.Patch || m.CountersInferred || m.VersionInferred
                || graph.Parent(m) is not { Kind: SeriesMailKind.Cover, VersionInferred: false } cover
                || order.FirstOrDefault(p => p.Members.TryGetValue(0, out var c) && c.MessageId == cover.MessageId) is not { } home)
                continue;
            bool slip = m.Version != cover.Version && m.VersionMinor == cover.VersionMinor
                && string.Equals(m.FromEmail, cover.FromEmail, StringComparison.OrdinalIgnoreCase)
                && (m.Resend == cover.Resend || cover.Resend)
                && m.Total == cover.Total && !cover.CountersInferred && m.Index >= 1 && m.Index <= cover.Total
                && !home.Members.ContainsKey(m.Index)
                && (m.Date - cover.Date).Duration() <= SentTogether;
            if (!slip || order.Any(o => o != alone && o.Members.Values.Any(x =>
                    x != m && !x.VersionInferred && x.Version == m.Version && graph.Parent(x)?.MessageId == cover.MessageId)))
                continue; // not a slip, or its version is a posting of its own under the cover
            home.Members[m.Index] = m;
            order.Remove(alone);
        }
    }

    static int Counter(SeriesMail m) => m.Kind == SeriesMailKind.Cover ? 0 : m.Index;

    static SeriesMail RootOf(MailGraph graph, SeriesMail m)
    {
        var root = m;
        foreach (var p in graph.Ancestors(m))
        {
            if (!MailGraph.IsPosting(p))
            {
                // A reply in between: patches never answer replies within one posting.
                break;
            }
            if (!SamePosting(p, root))
                break;
            root = p;
        }
        return root;
    }

    static bool SamePosting(SeriesMail parent, SeriesMail child)
    {
        if (!string.Equals(parent.FromEmail, child.FromEmail, StringComparison.OrdinalIgnoreCase))
            return false;
        if (parent.VersionMinor != child.VersionMinor)
            return false;
        // A series re-sent with RESEND written on its cover only ([PATCH RESEND 0/2] over [PATCH 1/2]):
        // the patches belong to that cover, and the posting is a resend because its cover says so. RESEND
        // patches under a plain cover stay apart: that is a re-sending of patches into the old thread.
        if (parent.Resend != child.Resend && !(parent.Resend && parent.Kind == SeriesMailKind.Cover))
            return false;
        // An unversioned patch under a versioned cover takes the cover's version (b4); an explicit
        // v2 under an unversioned v1 patch is a new posting (Patchwork's mixed-versions case).
        int? pv = parent.VersionInferred ? null : parent.Version;
        int? cv = child.VersionInferred ? null : child.Version;
        if (pv is not null && cv is not null && pv != cv)
            return false;
        if (pv is null && cv is not null && cv != 1)
            return false;
        // A cover letter is counter 0 even when its author wrote "1/6" on it.
        if (parent.CountersInferred != child.CountersInferred && Counter(parent) != 0)
            return LeadsWithoutCounter(parent, child);
        if (!parent.CountersInferred && !child.CountersInferred)
        {
            if (parent.Total != child.Total || Counter(parent) == Counter(child))
                return false;
        }
        else if (child.CountersInferred && parent.CountersInferred)
        {
            return false; // two single patches: a reposting threaded under the first, not one series
        }
        return true;
    }

    /// <summary>
    /// A patch sent without a counter that the same sender's numbered patches answer as they are sent ("[PATCH v2] fix
    /// x", then "[PATCH v2 2/2] document x" in reply a second later, both from one git send-email) is patch 1 of their
    /// series with its counter left off: b4 takes every patch of a version in a thread as one series, and Patchwork
    /// files the numbered patch in the series of the mail it answers. The version and sender are checked by the
    /// caller; a numbered 1/N has a counter 1 of its own, and one sent later is a new sending, not the same one.
    /// </summary>
    static bool LeadsWithoutCounter(SeriesMail parent, SeriesMail child) =>
        parent.CountersInferred && parent.Kind == SeriesMailKind.Patch && !child.CountersInferred
        && child.Kind == SeriesMailKind.Patch && child.Index >= 2 && child.Index <= child.Total
        && (child.Date - parent.Date).Duration() <= SentTogether;

    static List<Posting> MergeUnthreaded(MailGraph graph, List<Posting> postings)
    {
        var result = new List<Posting>();
        // Only an unthreaded posting can take others in: its facts are read once, and again when one merges into it.
        // They are kept by what Takes needs equal (sender, total, version, resend), each list in the order the
        // postings opened, so a posting is compared only with those that could take it, and the first that does
        // is the one a scan of all of them would find.
        var open = new Dictionary<MergeKey, List<MergeFacts>>();
        int opened = 0;
        foreach (var p in postings.OrderBy(p => p.Date).ThenBy(p => p.Id, StringComparer.Ordinal))
        {
            bool unthreaded = graph.Parent(p.Root) is null;
            var facts = unthreaded ? new MergeFacts(p, opened++) : null;
            var into = p.Total > 1 && facts is not null && open.TryGetValue(facts.Key, out var candidates)
                ? Into(candidates, facts)
                : null;
            if (into is null)
            {
                result.Add(p);
                if (facts is not null)
                    Open(open, facts);
                continue;
            }
            foreach (var (k, v) in p.Members)
                into.Posting.Members[k] = v;
            var key = into.Key;
            into.Read();
            if (!into.Key.Equals(key))
            {
                open[key].Remove(into);
                Open(open, into);
            }
        }
        return result;
    }

    /// <summary>
    /// The oldest open posting that takes <paramref name="p"/>, one of its own stable tree (or of none) first. A
    /// subject naming no tree that postings of two trees could take stays apart: nothing says which it belongs to.
    /// </summary>
    static MergeFacts? Into(List<MergeFacts> candidates, MergeFacts p)
    {
        MergeFacts? other = null;
        foreach (var q in candidates)
        {
            if (!q.Takes(p))
                continue;
            if (q.StableTree == p.StableTree)
                return q;
            if (other is null)
                other = q;
            else if (other.StableTree != q.StableTree)
                return null;
        }
        return other;
    }

    static void Open(Dictionary<MergeKey, List<MergeFacts>> open, MergeFacts facts)
    {
        if (!open.TryGetValue(facts.Key, out var list))
            open[facts.Key] = list = [];
        int at = list.Count;
        while (at > 0 && list[at - 1].Order > facts.Order)
            at--;
        list.Insert(at, facts);
    }

    readonly record struct MergeKey(string Sender, int Total, int Version, int? VersionMinor, bool Resend);

    /// <summary>What decides whether an unthreaded posting takes another in (Patchwork's rule), as its members stand.</summary>
    sealed class MergeFacts
    {
        public Posting Posting { get; }
        readonly string sender;
        int total, version;
        int? versionMinor;
        bool resend;
        DateTimeOffset date;

        public MergeFacts(Posting posting, int order)
        {
            Posting = posting;
            Order = order;
            sender = posting.Sender;
            Read();
        }

        /// <summary>When this posting was opened for merging: the first that takes another is the oldest.</summary>
        public int Order { get; }

        public MergeKey Key => new(sender, total, version, versionMinor, resend);

        public string? StableTree { get; private set; }

        public void Read()
        {
            (total, version, versionMinor, resend, StableTree, date) =
                (Posting.Total, Posting.Version, Posting.VersionMinor, Posting.Resend, Posting.StableTree, Posting.Date);
        }

        public bool Takes(MergeFacts p) =>
            sender == p.sender && total == p.total && version == p.version && resend == p.resend
            && versionMinor == p.versionMinor && SameTree(StableTree, p.StableTree)
            && (p.date - date).Duration() <= SentTogether
            && !p.Posting.Members.Keys.Any(Posting.Members.ContainsKey);

        /// <summary>
        /// Backports to two stable trees stay apart. A subject that names no tree may join a backport (the tree left
        /// off one subject), but a backport never joins work that names none: mainline and its backport, sent
        /// together, stay two.
        /// </summary>
        static bool SameTree(string? into, string? joining) => joining is null || into == joining;
    }
}
