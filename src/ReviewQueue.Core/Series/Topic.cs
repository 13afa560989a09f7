using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Series;

/// <summary>One piece of work across its revisions (v1…vN), linked by change-id, threading or title.</summary>
public sealed record Topic(
    string Id,
    string Title,
    Person Author,
    DateTimeOffset FirstPosted,
    IReadOnlyList<SeriesRevision> Revisions)
{
    /// <summary>The revision that counts now: the newest one (highest version, then latest).</summary>
    public SeriesRevision Current => Revisions[^1];
}

/// <summary>How a trailer came to a patch.</summary>
public enum TrailerVia { Patch, Cover, Carried, EarlierRevision }

/// <summary>A trailer attached to a patch, with who gave it and where.</summary>
public sealed record GivenTrailer(
    string Name,
    string Value,
    string Person,
    string? Email,
    string GivenIn,
    DateTimeOffset Date,
    TrailerVia AppliesVia,
    bool IdentityOk);

/// <summary>A patch was accepted: by an "Applied" reply or by a commit in a watched tree (then with its branch).</summary>
public sealed record Acceptance(string How, string? Commit, string? Tree, string? Evidence, DateTimeOffset Date, string? MessageId, string? Branch = null);

/// <summary>A human reply that is not the author's own (discussion), with its time.</summary>
public sealed record Discussion(string MessageId, Person From, DateTimeOffset Date);

public sealed record SeriesPatch(
    string MessageId,
    int Index,
    int Total,
    string Title,
    Person Author,
    DateTimeOffset Date,
    string? PatchId,
    IReadOnlyList<string> Files,
    bool IsFix,
    IReadOnlyList<GivenTrailer> Trailers,
    IReadOnlyList<Discussion> Discussion,
    /// <summary>The first NAK by someone other than the author (a Nacked-by or an objection line, on the patch or its cover
    /// letter): the mail that said it, who and when.</summary>
    Discussion? ObjectedBy,
    Acceptance? Accepted,
    /// <summary>Set when this patch was not re-sent in this revision but taken from an earlier one (partial re-roll).</summary>
    string? TakenFromRevision)
{
    /// <summary>When someone other than the author first NAKed it.</summary>
    public DateTimeOffset? ObjectedAt => ObjectedBy?.Date;

    public bool Objected => ObjectedBy is not null;

    /// <summary>
    /// The same trailers (name and value) given again elsewhere, after the one kept in <see cref="Trailers"/>,
    /// in the order they were considered: what a patch shows when the kept one was given later (see TopicAsOf).
    /// </summary>
    public IReadOnlyList<GivenTrailer> Shadowed { get; init; } = [];

    /// <summary>The Message-IDs of every reply in its thread under it, whoever sent it and whatever it says.</summary>
    public IReadOnlyList<string> Replies { get; init; } = [];
}

/// <summary>One posting of a series: a cover letter (or none) and patches 1..N of one version.</summary>
public sealed record SeriesRevision(
    string Id,
    int Version,
    int? VersionMinor,
    bool VersionInferred,
    string? CoverMessageId,
    string Title,
    Person Author,
    DateTimeOffset Posted,
    int Total,
    bool Complete,
    bool Resend,
    bool Rfc,
    string? ChangeId,
    string? BaseCommit,
    string? SupersededBy,
    DateTimeOffset? SupersededAt,
    IReadOnlyList<SeriesPatch> Patches,
    IReadOnlyList<GivenTrailer> CoverTrailers,
    IReadOnlyList<Discussion> CoverDiscussion,
    IReadOnlyList<int> Missing,
    string LinkedBy,
    DateTimeOffset? WithdrawnAt)
{
    public string VersionLabel => VersionMinor is int m ? $"v{Version}.{m}" : $"v{Version}";

    /// <summary>
    /// The stable tree this posting is a backport to, as its subjects name it ("[PATCH 6.1 …]",
    /// "[PATCH AUTOSEL 6.6 …]": "6.1", "6.6"), or null for work on mainline and -next.
    /// </summary>
    public string? StableTree { get; init; }

    /// <summary>The Message-IDs of every reply in its thread under its cover letter, whoever sent it and whatever it says.</summary>
    public IReadOnlyList<string> CoverReplies { get; init; } = [];
}
