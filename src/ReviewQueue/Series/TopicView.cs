using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;

namespace ReviewQueue.Series;

// The JSON contract of topics (series --json, show --json, /api/): scripts rely on these names.
public sealed record PersonView(string? Name, string? Email);

public sealed record AcceptedView(string How, string? Commit, string? Tree, string? Evidence, DateTimeOffset Date, string? Branch = null);

/// <summary>Where a watched tree has the patch: the commit found on a branch, and by what evidence (link, patch-id, author-title).</summary>
public sealed record MergedView(string Tree, string Branch, string Commit, string Evidence);

public sealed record TrailerView(string Name, string Value, string Person, string? Email, string GivenIn, DateTimeOffset Date,
    string AppliesVia, bool IdentityOk, bool CountsAsReview);

public sealed record PatchView(string MessageId, int Index, int Total, string Title, PersonView Author, DateTimeOffset Date,
    string? PatchId, IReadOnlyList<string> Files, bool Fix, string State, AcceptedView? Accepted, string? TakenFromRevision,
    IReadOnlyList<TrailerView> Trailers, int Replies, MergedView? Merged = null, ObjectionView? Objection = null);

/// <summary>Who first NAKed a patch (or its cover letter), in which mail, when.</summary>
public sealed record ObjectionView(PersonView By, string MessageId, DateTimeOffset Date);

public sealed record RevisionView(string Id, int Version, string VersionLabel, bool VersionInferred, string? CoverMessageId,
    string Title, PersonView Author, DateTimeOffset Posted, int Total, bool Complete, IReadOnlyList<int> Missing, bool Resend,
    bool Rfc, string? StableTree, string? ChangeId, string? BaseCommit, string State, string? SupersededBy, DateTimeOffset? SupersededAt,
    DateTimeOffset? WithdrawnAt, AcceptedView? Accepted, string LinkedBy, DateTimeOffset? FirstReview,
    IReadOnlyList<PatchView> Patches, IReadOnlyList<TrailerView> CoverTrailers);

public sealed record TopicView(string Id, string Title, PersonView Author, DateTimeOffset FirstPosted, DateTimeOffset LastActivity,
    string State, int Patches, int Reviewed, bool Fix, IReadOnlyList<RevisionView> Revisions)
{
    /// <summary>A topic as stored (TopicStore's data, written by the projection).</summary>
    public static TopicView Read(string data) => TopicJson.Read(data);

    public static TopicView Of(Topic topic, ReviewRules rules)
    {
        var revisions = topic.Revisions.Select(r => Revision(r, rules)).ToList();
        var current = revisions[^1];
        // What `series --since` and the stale flag take for activity alike: an "Applied" note and a withdrawal included.
        return new TopicView(topic.Id, topic.Title, Person(topic.Author), topic.FirstPosted, ReviewStates.LastActivity(topic), current.State,
            current.Patches.Count, ReviewStates.ReviewedPatches(topic.Current, rules),
            current.Patches.Any(p => p.Fix), revisions);
    }

    static RevisionView Revision(SeriesRevision r, ReviewRules rules)
    {
        var patches = r.Patches.Select(p => Patch(p, r, rules)).ToList();
        AcceptedView? accepted = patches.Count > 0 && patches.All(p => p.Accepted is not null) ? patches[^1].Accepted : null;
        return new RevisionView(r.Id, r.Version, r.VersionLabel, r.VersionInferred, r.CoverMessageId, r.Title, Person(r.Author),
            r.Posted, r.Total, r.Complete, r.Missing, r.Resend, r.Rfc, r.StableTree, r.ChangeId, r.BaseCommit, ReviewStates.Of(r, rules).Name(),
            r.SupersededBy, r.SupersededAt, r.WithdrawnAt, accepted, r.LinkedBy, ReviewStates.FirstReview(r, rules), patches,
            r.CoverTrailers.Select(t => Trailer(t, r.Author, rules)).ToList());
    }

    static PatchView Patch(SeriesPatch p, SeriesRevision r, ReviewRules rules) =>
        new(p.MessageId, p.Index, p.Total, p.Title, Person(p.Author), p.Date, p.PatchId, p.Files, p.IsFix,
            ReviewStates.Of(p, r, rules).Name(),
            p.Accepted is { } a ? new AcceptedView(a.How, a.Commit, a.Tree, a.Evidence, a.Date, a.Branch) : null,
            p.TakenFromRevision, p.Trailers.Select(t => Trailer(t, p.Author, rules)).ToList(), p.Discussion.Count,
            p.Accepted is { How: "merged", Tree: { } tree, Branch: { } branch, Commit: { } commit, Evidence: { } evidence }
                ? new MergedView(tree, branch, commit, evidence) : null,
            p.ObjectedBy is { } o ? new ObjectionView(Person(o.From), o.MessageId, o.Date) : null);

    static TrailerView Trailer(GivenTrailer t, ReviewQueue.Core.Mail.Person author, ReviewRules rules) =>
        new(t.Name, t.Value, t.Person, t.Email, t.GivenIn, t.Date, Via(t.AppliesVia), t.IdentityOk, ReviewStates.CountsAsReview(t, author, rules));

    static string Via(TrailerVia via) => via switch
    {
        TrailerVia.Patch => "patch",
        TrailerVia.Cover => "cover",
        TrailerVia.Carried => "carried",
        _ => "earlier-revision",
    };

    static PersonView Person(ReviewQueue.Core.Mail.Person p) => new(p.Name, p.Email);
}
