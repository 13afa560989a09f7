using ReviewQueue.Core.Review;
using ReviewQueue.Core.Mail;

using System.Security.Cryptography;
using System.Text;

namespace ReviewQueue.Core.Series;

/// <summary>
/// Assembles topics (a series across its revisions) from mails. The result depends only on the
/// set of mails given, never on their order, so feeding mail one at a time as it arrives and
/// rebuilding from the whole archive end the same.
/// </summary>
public sealed class SeriesAssembler(SeriesRules rules)
{
    readonly Dictionary<string, SeriesMail> mails = new(StringComparer.Ordinal);

    public int Count => mails.Count;

    /// <summary>Adds one mail; false when its Message-ID is known already (the first copy stays).</summary>
    public bool Add(SeriesMail mail) => mails.TryAdd(mail.MessageId, mail);

    /// <param name="asOf">Build the topics as they stood at that moment: mails dated later are left out.</param>
    /// <param name="merged">Patches found in a watched tree, by Message-ID of the posted patch.</param>
    public IReadOnlyList<Topic> Build(DateTimeOffset? asOf = null, IReadOnlyDictionary<string, Acceptance>? merged = null)
    {
        var graph = new MailGraph(asOf is null ? mails.Values : mails.Values.Where(m => m.Date <= asOf));
        var postings = PostingFinder.Find(graph, rules.IsBot);
        var followups = new FollowupCollector(graph, rules, postings);
        // Each topic is built from its own postings and the (by now read-only) graph and follow-ups: on every core.
        var groups = TopicLinker.Link(graph, postings);
        var topics = new Topic[groups.Count];
        Parallel.For(0, groups.Count, i => topics[i] = BuildTopic(groups[i].Postings, groups[i].LinkedBy, graph, followups, merged));
        return topics.OrderBy(t => t.FirstPosted).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
    }

    Topic BuildTopic(List<Posting> postings, Dictionary<string, string> linkedBy, MailGraph graph, FollowupCollector followups,
        IReadOnlyDictionary<string, Acceptance>? merged)
    {
        var ownMails = new HashSet<string>(postings.SelectMany(p => p.Members.Values).Select(m => m.MessageId), StringComparer.Ordinal);
        var built = new List<SeriesRevision>();
        foreach (var (posting, number) in Number(postings))
        {
            // A partial re-roll (v5.1, or a vN re-sending only some patches, each answering its predecessor) is the
            // revision it re-rolls with those patches replaced: the rest come from it, and so does its cover letter
            // when it has none (b4 reconstitutes it the same way). The re-rolled revision stays as it was posted.
            var rerolled = Rerolled(posting, number, built, graph, ownMails, followups);
            var slots = new SortedDictionary<int, Slot>();
            foreach (var p in posting.Patches)
                slots[SlotOf(p, rerolled, graph, ownMails)] = new Slot(p, null);
            var coverId = posting.Cover?.MessageId;
            int total = posting.Total;
            if (rerolled is not null)
            {
                foreach (var old in rerolled.Patches.Where(p => !slots.ContainsKey(p.Index)))
                    slots[old.Index] = new Slot(followups.Mail(old.MessageId), old.TakenFromRevision ?? rerolled.Id);
                coverId ??= rerolled.CoverMessageId;
                // A patch sent without a counter says nothing of the series' length.
                total = Math.Max(rerolled.Total, posting.Patches.Any(p => !p.CountersInferred) ? posting.Total : 0);
            }

            var patches = slots.Select(kv => BuildPatch(kv.Value.Mail, kv.Key, kv.Value.Mail.CountersInferred ? total : kv.Value.Mail.Total,
                kv.Value.TakenFrom, coverId, followups, merged, built)).ToList();
            var missing = Enumerable.Range(1, total).Where(i => !slots.ContainsKey(i)).ToList();
            var cover = coverId is null ? null : followups.Mail(coverId);
            // Without a cover letter of its own, a re-roll's title is the series' (the one it re-rolls), not the re-sent patch's.
            var title = posting.Cover is null && rerolled is not null ? rerolled.Title : posting.Title;
            var revision = new SeriesRevision(
                posting.Id, number, posting.VersionMinor, posting.VersionInferred, cover?.MessageId, title,
                new Person(posting.Root.FromName, posting.Root.FromEmail), posting.Date, total, missing.Count == 0,
                posting.Resend, posting.Rfc, posting.ChangeId ?? rerolled?.ChangeId, posting.BaseCommit ?? rerolled?.BaseCommit,
                null, null, patches,
                cover is null ? [] : followups.TrailersOn(cover.MessageId, TrailerVia.Cover),
                cover is null ? [] : followups.DiscussionOn(cover.MessageId, posting.Root.FromEmail, posting.Root.FromName),
                missing, linkedBy.GetValueOrDefault(posting.Id, "first"),
                followups.WithdrawnAt(posting.Members.Values.Select(m => m.MessageId), new Person(posting.Root.FromName, posting.Root.FromEmail)))
            {
                StableTree = posting.StableTree,
                CoverReplies = cover is null ? [] : followups.RepliesTo(cover.MessageId),
            };
            built.Add(revision);
        }

        // The newest revision supersedes every older one; each was superseded when the next one came.
        var inOrder = built.OrderBy(r => r.Version).ThenBy(r => r.Posted).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var newest = inOrder[^1];
        var ordered = inOrder.Select((r, i) => r == newest ? r : r with { SupersededBy = newest.Id, SupersededAt = NextPosted(inOrder, i) }).ToList();
        var first = ordered.OrderBy(r => r.Posted).First();
        return new Topic(TopicId(first.Id), newest.Title, first.Author, first.Posted, ordered);
    }

    /// <summary>When a newer revision than the one at <paramref name="i"/> was first posted (revisions in order).</summary>
    internal static DateTimeOffset NextPosted(IReadOnlyList<SeriesRevision> inOrder, int i)
    {
        var next = inOrder[i + 1].Posted;
        for (int j = i + 2; j < inOrder.Count; j++)
            if (inOrder[j].Posted < next)
                next = inOrder[j].Posted;
        return next;
    }

    /// <param name="index">The patch's place in the revision: its counter, or for a re-roll sent without one, the slot it re-rolls.</param>
    SeriesPatch BuildPatch(SeriesMail mail, int index, int total, string? takenFrom, string? coverId, FollowupCollector followups,
        IReadOnlyDictionary<string, Acceptance>? merged, List<SeriesRevision> earlier)
    {
        var trailers = new List<GivenTrailer>();
        var shadowed = new List<GivenTrailer>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Give(GivenTrailer t) => (seen.Add(TrailerKey(t.Name, t.Value)) ? trailers : shadowed).Add(t);
        // In the commit message already: given to an earlier revision and carried by the author.
        foreach (var t in mail.CommitTrailers)
            if (rules.Meaning(t.Name) != TrailerMeaning.Other)
                Give(new GivenTrailer(t.Name, t.Value, t.PersonName ?? t.Email ?? t.Value, t.Email, mail.MessageId, mail.Date, TrailerVia.Carried, true));
        var coverTrailers = coverId is null ? [] : followups.TrailersOn(coverId, TrailerVia.Cover);
        foreach (var t in followups.TrailersOn(mail.MessageId, TrailerVia.Patch).Concat(coverTrailers))
            Give(t);
        // The same patch (same patch-id) as sent in earlier revisions.
        var unchanged = mail.PatchId is null ? []
            : earlier.SelectMany(r => r.Patches).Where(p => p.PatchId == mail.PatchId && p.MessageId != mail.MessageId).ToList();
        // An unchanged patch keeps the reviews its earlier revisions were given: on the patch, or on that revision's
        // cover letter, which reviewed each of its patches (DOMAIN 6).
        foreach (var old in unchanged)
            foreach (var t in old.Trailers.Where(t => t.AppliesVia is TrailerVia.Patch or TrailerVia.Cover or TrailerVia.EarlierRevision))
                Give(t with { AppliesVia = TrailerVia.EarlierRevision });

        var placed = mail.Index == index && mail.Total == total ? mail : mail with { Index = index, Total = total };
        // One an earlier revision had applied is in the tree already: re-sent with the rest, it waits for nothing.
        var accepted = merged?.GetValueOrDefault(mail.MessageId) ?? followups.AcceptanceOf(placed, coverId)
            ?? unchanged.Select(p => p.Accepted).Where(a => a is not null).MinBy(a => a!.Date);
        return new SeriesPatch(mail.MessageId, index, total, mail.Title,
            new Person(mail.AuthorName ?? mail.FromName, mail.AuthorEmail ?? mail.FromEmail),
            mail.Date, mail.PatchId, mail.Files, mail.IsFix, trailers,
            followups.DiscussionOn(mail.MessageId, mail.FromEmail, mail.FromName)
                .Concat(coverId is null ? [] : followups.DiscussionOn(coverId, mail.FromEmail, mail.FromName)).ToList(),
            followups.Objection(mail, coverId), accepted, takenFrom) { Shadowed = shadowed, Replies = followups.RepliesTo(mail.MessageId) };
    }

    /// <summary>
    /// The patch at one counter of a revision, and the revision it was taken from when not re-sent. A class, so the
    /// sorted slots share the compiled code of every other int-keyed sorted dictionary instead of needing their own.
    /// </summary>
    sealed record Slot(SeriesMail Mail, string? TakenFrom);

    /// <summary>b4's identity of a trailer: its name and its value, case aside.</summary>
    public static string TrailerKey(string name, string value) => name.ToLowerInvariant() + "\n" + value.Trim().ToLowerInvariant();

    /// <summary>
    /// The earlier revision a posting re-rolls part of, or null when it is a revision of its own: a vN.M re-rolls the
    /// newest vN (or vN.x) before it; any other posting re-rolls the revision before it when it is not a whole series
    /// (a patch sent without a counter re-rolls one of several) and each of its patches answers the one it replaces.
    /// </summary>
    static SeriesRevision? Rerolled(Posting posting, int number, List<SeriesRevision> built, MailGraph graph,
        HashSet<string> ownMails, FollowupCollector followups)
    {
        if (built.Count == 0)
            return null;
        if (posting.VersionMinor is not null && built.LastOrDefault(r => r.Version == number) is { } major)
            return major;
        var previous = built[^1];
        if (posting.Version <= previous.Version && posting.VersionMinor is null)
            return null;
        var patches = posting.Patches.ToList();
        if (patches.Count == 0)
            return null;
        bool uncountered = patches.All(p => p.CountersInferred);
        if (posting.Complete && !(uncountered && previous.Total > 1))
            return null;
        return patches.All(p => followups.AnswersPatch(p, previous, SlotOf(p, previous, graph, ownMails))) ? previous : null;
    }

    /// <summary>
    /// Where a patch goes in its revision: its counter; for one sent without a counter, the counter of the patch of
    /// this topic at the top of its reply chain (through replies and earlier uncountered re-rolls), else the patch
    /// of the re-rolled revision with its title; else 1.
    /// </summary>
    static int SlotOf(SeriesMail patch, SeriesRevision? rerolled, MailGraph graph, HashSet<string> ownMails)
    {
        if (!patch.CountersInferred)
            return patch.Index;
        foreach (var a in graph.Ancestors(patch))
        {
            if (!MailGraph.IsPosting(a))
                continue; // a review the re-roll answers
            if (!ownMails.Contains(a.MessageId) || a.Kind != SeriesMailKind.Patch)
                break;
            if (!a.CountersInferred)
                return a.Index > 0 ? a.Index : patch.Index;
        }
        if (rerolled is not null)
        {
            var title = TopicLinker.Normalize(patch.Title);
            var same = rerolled.Patches.Where(p => TopicLinker.Normalize(p.Title) == title).ToList();
            if (same.Count == 1)
                return same[0].Index;
        }
        return patch.Index;
    }

    /// <summary>
    /// Version numbers in date order: a written version stands; an unversioned re-post by the same
    /// author after an earlier posting is the next revision; a RESEND keeps its predecessor's number.
    /// </summary>
    static List<(Posting Posting, int Number)> Number(List<Posting> postings)
    {
        var result = new List<(Posting, int)>();
        int highest = 0;
        foreach (var p in postings)
        {
            int number;
            if (!p.VersionInferred)
                number = p.Version;
            else if (result.Count == 0)
                number = 1;
            else if (p.Resend)
                number = result[^1].Item2;
            else
                number = highest + 1;
            highest = Math.Max(highest, number);
            result.Add((p, number));
        }
        return result;
    }

    public static string TopicId(string rootMessageId) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(rootMessageId)))[..12];
}
