using ReviewQueue.Core.Review;
using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Series;

/// <summary>
/// Reads every reply once: its trailers, NAKs and "Applied" notes go to the patch or cover letter
/// at the top of its chain (b4's walk up In-Reply-To), and a human reply that is not the author's
/// counts as discussion there, unless it is an "Applied" note. Bots are neither review nor discussion; the notices of a bot the seeds mark
/// (patchwork-bot's "This series was applied to …") are "Applied" notes all the same.
/// </summary>
sealed class FollowupCollector
{
    readonly MailGraph graph;
    readonly SeriesRules rules;
    readonly Dictionary<string, Posting> postingOf = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<GivenTrailer>> given = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<Discussion>> discussion = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<SeriesMail>> naks = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<SeriesMail>> applied = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<SeriesMail>> withdrawals = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<string>> replies = new(StringComparer.Ordinal);

    public FollowupCollector(MailGraph graph, SeriesRules rules, List<Posting> postings)
    {
        this.graph = graph;
        this.rules = rules;
        foreach (var p in postings)
            foreach (var m in p.Members.Values)
                postingOf.TryAdd(m.MessageId, p);

        foreach (var m in graph.All)
        {
            if (postingOf.ContainsKey(m.MessageId))
                continue;
            var top = graph.Ancestors(m).FirstOrDefault(a => postingOf.ContainsKey(a.MessageId));
            if (top is null)
                continue;
            // Every mail of the thread, whatever it says and whoever sent it, finds its topic (show MSGID, as b4 am MSGID).
            Add(replies, top.MessageId, m.MessageId);
            bool bot = rules.IsBot(m.FromEmail);
            if (bot && (m.Applied is null || rules.SendsAppliedNotices?.Invoke(m.FromEmail) != true))
                continue;
            if (bot)
            {
                Add(applied, top.MessageId, m);
                continue;
            }
            var via = postingOf[top.MessageId].Cover?.MessageId == top.MessageId ? TrailerVia.Cover : TrailerVia.Patch;
            // A maintainer's "Applied" (b4 ty, "Applied, thanks") accepts; it is not review activity, on a patch or its cover.
            if (m.Applied is null)
                Add(discussion, top.MessageId, new Discussion(m.MessageId, new Person(m.FromName, m.FromEmail), m.Date));
            foreach (var t in m.FollowupTrailers.Where(t => !SeriesRules.NotFollowups.Contains(t.Name)))
            {
                Add(given, top.MessageId, new GivenTrailer(t.Name, t.Value, t.PersonName ?? t.Email ?? t.Value, t.Email,
                    m.MessageId, m.Date, via, Identity.Matches(t, m.FromName, m.FromEmail)));
                if (rules.Meaning(t.Name) == TrailerMeaning.Objection)
                    Add(naks, top.MessageId, m);
            }
            if (m.Nak)
                Add(naks, top.MessageId, m);
            if (m.Applied is not null)
                Add(applied, top.MessageId, m);
            if (m.Withdraws)
                Add(withdrawals, top.MessageId, m);
        }
        foreach (var list in replies.Values)
            list.Sort(StringComparer.Ordinal); // the same whatever order the mail came in
    }

    static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
            map[key] = list = [];
        list.Add(value);
    }

    public SeriesMail Mail(string messageId) => graph.Get(messageId) ?? throw new KeyError(messageId);

    public IReadOnlyList<GivenTrailer> TrailersOn(string messageId, TrailerVia via) =>
        given.TryGetValue(messageId, out var list) ? list.Select(t => t with { AppliesVia = via }).ToList() : [];

    /// <summary>Every reply whose chain tops at this patch or cover letter (review, discussion, the author's, notes, bots').</summary>
    public IReadOnlyList<string> RepliesTo(string messageId) => replies.TryGetValue(messageId, out var list) ? list : [];

    /// <summary>
    /// Replies by others than the author: by address, or by name, as for trailers (Identity.IsAuthor), so an
    /// author answering from a second address is not discussion.
    /// </summary>
    public IReadOnlyList<Discussion> DiscussionOn(string messageId, string authorEmail, string? authorName) =>
        discussion.TryGetValue(messageId, out var list)
            ? list.Where(d => !Identity.IsAuthor(d.From.Email, d.From.Name, new Person(authorName, authorEmail))).ToList()
            : [];

    /// <summary>
    /// The first NAK of the patch or its cover letter by someone other than its sender or the author it names (null: nobody
    /// objected). The author is known as for their own ack (Identity.IsAuthor): from a second address, their NAK is theirs too.
    /// </summary>
    public Discussion? Objection(SeriesMail patch, string? coverId)
    {
        var sender = new Person(patch.FromName, patch.FromEmail);
        var author = new Person(patch.AuthorName ?? patch.FromName, patch.AuthorEmail ?? patch.FromEmail);
        IEnumerable<SeriesMail> By(string? id) => id is not null && naks.TryGetValue(id, out var list)
            ? list.Where(m => !Identity.IsAuthor(m.FromEmail, m.FromName, sender) && !Identity.IsAuthor(m.FromEmail, m.FromName, author))
            : [];
        // The earliest; of two at one moment, the first by Message-ID, so any arrival order gives the same.
        var first = By(patch.MessageId).Concat(By(coverId)).OrderBy(m => m.Date).ThenBy(m => m.MessageId, StringComparer.Ordinal).FirstOrDefault();
        return first is null ? null : new Discussion(first.MessageId, new Person(first.FromName, first.FromEmail), first.Date);
    }

    /// <summary>
    /// An "Applied" reply on the patch, or on its cover letter naming it (or naming none). A series sent without a
    /// cover letter is thanked on its first patch (b4 ty, patchwork-bot): a note on another patch of the same posting
    /// accepts this one when its list names it, or, without a list, when its words say the series. A note whose words
    /// name patch numbers accepts those only; one that leaves numbers out accepts every other patch.
    /// </summary>
    public Acceptance? AcceptanceOf(SeriesMail patch, string? coverId)
    {
        var candidates = applied.GetValueOrDefault(patch.MessageId, [])
            .Select(m => (Mail: m, OnCover: false))
            .Concat(coverId is null ? [] : applied.GetValueOrDefault(coverId, []).Select(m => (Mail: m, OnCover: true)))
            .Concat(coverId is null ? OnSiblings(patch).Select(m => (Mail: m, OnCover: true)) : []);
        var author = new Person(patch.AuthorName ?? patch.FromName, patch.AuthorEmail ?? patch.FromEmail);
        foreach (var (m, onCover) in candidates.OrderBy(x => x.Mail.Date))
        {
            var note = m.Applied!;
            // "Good catch, applied." from the author is their own tree taking a reviewer's fix, not the patch going in.
            if (note.InPassing && Identity.IsAuthor(m.FromEmail, m.FromName, author))
                continue;
            bool sibling = onCover && coverId is null;
            // Patch numbers the words name or leave out ("Applied patches 1 and 2", "Applied all but patch 3") count by
            // the patch's place in the revision the note answers, on the cover letter, a sibling or the patch itself.
            if (note.Items.Count == 0 && (note.Only ?? note.Except) is { } numbers)
            {
                if (numbers.Contains(patch.Index) == (note.Only is not null))
                    return new Acceptance("applied-reply", null, note.Tree, null, m.Date, m.MessageId);
                continue;
            }
            if (note.Items.Count == 0 && sibling && !note.WholeSeries)
                continue;
            if (note.Items.Count == 0)
                return new Acceptance("applied-reply", null, note.Tree, null, m.Date, m.MessageId);
            var item = note.Items.FirstOrDefault(i => i.Index == patch.Index && (onCover || i.Total is null || i.Total == patch.Total))
                ?? note.Items.FirstOrDefault(i => TopicLinker.Normalize(i.Title) == TopicLinker.Normalize(patch.Title));
            if (item is null && !onCover && note.Items.Count == 1)
                item = note.Items[0];
            // b4 ty writes "(no commit info)" under a patch it could not find in the tree and asks the maintainer to
            // review the message: no evidence the patch went in (hwmon 2024H2 has one that did not). It keeps waiting
            // until a commit, another note or a watched tree says so; the list still accepts only what it names.
            if (item is { Commit: null })
                continue;
            if (item is not null)
                return new Acceptance("applied-reply", item.Commit, note.Tree, null, m.Date, m.MessageId);
        }
        return null;
    }

    /// <summary>The "Applied" notes on the other patches of the posting this patch was sent in (which has no cover letter).</summary>
    IEnumerable<SeriesMail> OnSiblings(SeriesMail patch) =>
        postingOf.TryGetValue(patch.MessageId, out var posting) && posting.Cover is null
            ? posting.Patches.Where(p => p.MessageId != patch.MessageId).SelectMany(p => applied.GetValueOrDefault(p.MessageId, []))
            : [];

    /// <summary>
    /// When the author took this posting back in a reply to one of its mails, if ever: from any address Identity.IsAuthor
    /// takes for theirs, as for their own ack. Nobody else's "please drop this" withdraws it.
    /// </summary>
    public DateTimeOffset? WithdrawnAt(IEnumerable<string> postingMessages, Person author) =>
        postingMessages
            .SelectMany(id => withdrawals.GetValueOrDefault(id, []))
            .Where(m => Identity.IsAuthor(m.FromEmail, m.FromName, author))
            .Select(m => (DateTimeOffset?)m.Date)
            .Min();

    /// <summary>Does this patch answer (directly or up its thread) patch <paramref name="index"/> of the earlier revision?</summary>
    public bool AnswersPatch(SeriesMail patch, SeriesRevision earlier, int index)
    {
        var ids = earlier.Patches.Where(p => p.Index == index).Select(p => p.MessageId).ToHashSet(StringComparer.Ordinal);
        return graph.Ancestors(patch).Any(a => ids.Contains(a.MessageId));
    }

    sealed class KeyError(string id) : Exception($"no mail {id} in this build");
}
