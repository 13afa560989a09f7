using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Series;

/// <summary>What kind of message this is, for series assembly.</summary>
public enum SeriesMailKind { Patch, Cover, PullRequest, Reply, Other }

/// <summary>A maintainer's "Applied" note: which patches (by counter, when listed) went where.</summary>
/// <param name="Items">b4 ty's "[n/m] title" + "commit: sha" pairs (or patchwork-bot's summary with links);
/// empty for a plain "Applied, thanks".</param>
/// <param name="WholeSeries">The words say the series ("Series applied", "Applied all 3", "Both applied"): without a
/// list, a note on any patch of a series sent without a cover letter accepts all of it. False in facts stored before.</param>
/// <param name="Only">The patch numbers the words name ("Applied patches 1 and 2", "Applied 1-3 to …", "Patch 2 applied"):
/// the note accepts those patches of the revision it answers, no other. Null when it names none (and in facts stored before).</param>
/// <param name="Except">The patch numbers the words leave out ("Applied all but patch 3", "Applied, except for patch 2",
/// "dropped 4"): the note accepts every patch of the revision but those. Null when it leaves none out.</param>
/// <param name="InPassing">Said after other words ("Thanks a lot for the patch. Applied.", "Never mind, applied after
/// fixing the above", "I've applied the series to my tree"), not as the line's first words: from the patch's own
/// author that is the author's tree, not the maintainer's (FollowupCollector).</param>
public sealed record AppliedNote(string? Tree, IReadOnlyList<AppliedItem> Items, bool WholeSeries = false,
    IReadOnlyList<int>? Only = null, IReadOnlyList<int>? Except = null, bool InPassing = false);

public sealed record AppliedItem(int? Index, int? Total, string Title, string? Commit);

/// <summary>
/// One message as series assembly sees it: the facts a single mail gives, nothing that needs the
/// others. Built from the mail reader's PatchMail; everything else is derived from the set.
/// </summary>
public sealed record SeriesMail
{
    public required string MessageId { get; init; }
    public string? InReplyTo { get; init; }
    public IReadOnlyList<string> References { get; init; } = [];
    public required string FromName { get; init; }
    public required string FromEmail { get; init; }
    /// <summary>The commit author (in-body From: wins); the sender when the mail names no other.</summary>
    public string? AuthorName { get; init; }
    public string? AuthorEmail { get; init; }
    public required DateTimeOffset Date { get; init; }
    public required SeriesMailKind Kind { get; init; }

    /// <summary>Subject with prefixes and counters removed.</summary>
    public required string Title { get; init; }
    /// <summary>"Re:"-style reply marker in the subject.</summary>
    public bool SubjectIsReply { get; init; }
    public int Version { get; init; } = 1;
    public bool VersionInferred { get; init; } = true;
    /// <summary>The minor part of a partial re-roll version like v5.1 (1), else null.</summary>
    public int? VersionMinor { get; init; }
    public int Index { get; init; } = 1;
    public int Total { get; init; } = 1;
    public bool CountersInferred { get; init; } = true;
    public bool Resend { get; init; }
    public bool Rfc { get; init; }
    /// <summary>The stable tree a backport names in its prefixes ("5.10" for [PATCH 5.10.y]), else null.</summary>
    public string? StableTree { get; init; }

    public bool HasDiff { get; init; }
    public bool HasDiffstat { get; init; }
    public string? PatchId { get; init; }
    public IReadOnlyList<string> Files { get; init; } = [];
    public string? ChangeId { get; init; }
    public string? BaseCommit { get; init; }

    /// <summary>Trailers in the patch's own commit message (carried from earlier review).</summary>
    public IReadOnlyList<Trailer> CommitTrailers { get; init; } = [];
    /// <summary>Trailers given in a reply's unquoted text (b4's follow-up rules).</summary>
    public IReadOnlyList<Trailer> FollowupTrailers { get; init; } = [];
    /// <summary>An unquoted "NAK"/"NACK" line in a reply (a Nacked-by trailer counts as well).</summary>
    public bool Nak { get; init; }
    public AppliedNote? Applied { get; init; }
    /// <summary>The author takes the work back ("self-NAK", "please drop this series").</summary>
    public bool Withdraws { get; init; }

    /// <summary>A Fixes: trailer or Cc: stable in the commit message.</summary>
    public bool IsFix { get; init; }

    public bool IsPosting => Kind is SeriesMailKind.Patch or SeriesMailKind.Cover;
}
