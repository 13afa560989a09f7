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
        Parallel.For(0, groups.Count, i => topics[i] = BuildTopic(groups[i].Postings, groups[i].LinkedBy, followups, merged));
        return topics.OrderBy(t => t.FirstPosted).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
    }

    Topic BuildTopic(List<Posting> postings, Dictionary<string, string> linkedBy, FollowupCollector followups,
        IReadOnlyDictionary<string, Acceptance>? merged)
    {
        var numbered = Number(postings);
        // v5.1: a partial re-roll of v5 replaces the patches it carries within v5.
        var partials = numbered.Where(n => n.Posting.VersionMinor is not null && numbered.Any(o => o.Number == n.Number && o.Posting.VersionMinor is null)).ToList();
        var revisions = numbered.Except(partials).ToList();

        var built = new List<SeriesRevision>();
        SeriesRevision? previous = null;
        foreach (var (posting, number) in revisions)
        {
            var slots = new SortedDictionary<int, Slot>();
            foreach (var p in posting.Patches)
                slots[p.Index] = new Slot(p, null);
            foreach (var partial in partials.Where(x => x.Number == number && x.Posting.Date >= posting.Date))
                foreach (var p in partial.Posting.Patches)
                    slots[p.Index] = new Slot(p, null);
            // A vN that re-sends only some patches, each answering its predecessor: the rest come from
            // v(N-1), and so does its cover letter when it has none (b4 reconstitutes it the same way).
            var coverId = posting.Cover?.MessageId;
            if (previous is not null && IsPartialReroll(posting, previous, followups))
            {
                foreach (var old in previous.Patches.Where(p => !slots.ContainsKey(p.Index)))
                    slots[old.Index] = new Slot(followups.Mail(old.MessageId), previous.Id);
                coverId ??= previous.CoverMessageId;
            }

            var patches = slots.Select(kv => BuildPatch(kv.Value.Mail, kv.Value.TakenFrom, coverId, followups, merged, built)).ToList();
            int total = posting.Total;
            var missing = Enumerable.Range(1, total).Where(i => !slots.ContainsKey(i)).ToList();
            var cover = coverId is null ? null : followups.Mail(coverId);
            var revision = new SeriesRevision(
                posting.Id, number, posting.VersionMinor, posting.VersionInferred, cover?.MessageId, posting.Title,
                new Person(posting.Root.FromName, posting.Root.FromEmail), posting.Date, total, missing.Count == 0,
                posting.Resend, posting.Rfc, posting.ChangeId, posting.BaseCommit, null, null, patches,
                cover is null ? [] : followups.TrailersOn(cover.MessageId, TrailerVia.Cover),
                cover is null ? [] : followups.DiscussionOn(cover.MessageId, posting.Root.FromEmail),
                missing, linkedBy.GetValueOrDefault(posting.Id, "first"),
                followups.WithdrawnAt(posting.Members.Values.Select(m => m.MessageId), posting.Root.FromEmail));
            built.Add(revision);
            previous = revision;
        }

        // The newest revision supersedes every older one.
        var newest = built.OrderBy(r => r.Version).ThenBy(r => r.Posted).ThenBy(r => r.Id, StringComparer.Ordinal).Last();
        var ordered = built
            .OrderBy(r => r.Version).ThenBy(r => r.Posted).ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => r == newest ? r : r with { SupersededBy = newest.Id, SupersededAt = newest.Posted })
            .ToList();
        var first = ordered.OrderBy(r => r.Posted).First();
        return new Topic(TopicId(first.Id), newest.Title, first.Author, first.Posted, ordered);
    }

    SeriesPatch BuildPatch(SeriesMail mail, string? takenFrom, string? coverId, FollowupCollector followups,
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
        // An unchanged patch (same patch-id) keeps the reviews its earlier revisions were given.
        if (mail.PatchId is not null)
            foreach (var old in earlier.SelectMany(r => r.Patches).Where(p => p.PatchId == mail.PatchId && p.MessageId != mail.MessageId))
                foreach (var t in old.Trailers.Where(t => t.AppliesVia is TrailerVia.Patch or TrailerVia.EarlierRevision))
                    Give(t with { AppliesVia = TrailerVia.EarlierRevision });

        var accepted = merged?.GetValueOrDefault(mail.MessageId) ?? followups.AcceptanceOf(mail, coverId);
        return new SeriesPatch(mail.MessageId, mail.Index, mail.Total, mail.Title,
            new Person(mail.AuthorName ?? mail.FromName, mail.AuthorEmail ?? mail.FromEmail),
            mail.Date, mail.PatchId, mail.Files, mail.IsFix, trailers,
            followups.DiscussionOn(mail.MessageId, mail.FromEmail)
                .Concat(coverId is null ? [] : followups.DiscussionOn(coverId, mail.FromEmail)).ToList(),
            followups.ObjectedAt(mail.MessageId, coverId), accepted, takenFrom) { Shadowed = shadowed };
    }

    /// <summary>
    /// The patch at one counter of a revision, and the revision it was taken from when not re-sent. A class, so the
    /// sorted slots share the compiled code of every other int-keyed sorted dictionary instead of needing their own.
    /// </summary>
    sealed record Slot(SeriesMail Mail, string? TakenFrom);

    /// <summary>b4's identity of a trailer: its name and its value, case aside.</summary>
    public static string TrailerKey(string name, string value) => name.ToLowerInvariant() + "\n" + value.Trim().ToLowerInvariant();

    static bool IsPartialReroll(Posting posting, SeriesRevision previous, FollowupCollector followups)
    {
        if (posting.Complete || posting.Version <= previous.Version && posting.VersionMinor is null)
            return false;
        var patches = posting.Patches.ToList();
        return patches.Count > 0 && patches.All(p => followups.AnswersPatch(p, previous, p.Index));
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
