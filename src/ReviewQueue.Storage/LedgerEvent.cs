namespace ReviewQueue.Storage;

/// <summary>One fact of the ledger. (Kind, MessageId, Target) is unique: appending it again changes nothing.</summary>
public sealed record LedgerEvent(DateTimeOffset At, string Kind, string MessageId, string Target, string Data)
{
    public const string Posted = "posted";
    public const string Replied = "replied";
    public const string TrailerGiven = "trailer";
    public const string Nak = "nak";
    public const string Applied = "applied";
    public const string Withdrawn = "withdrawn";
    public const string RevisionLinked = "revision-linked";
    public const string Superseded = "superseded";
    public const string Merged = "merged";

    /// <summary>The kinds read from one mail alone; reindex derives them again from the raw messages.</summary>
    public static readonly IReadOnlyList<string> FromMail = [Posted, Replied, TrailerGiven, Nak, Applied, Withdrawn];
}

/// <summary>A topic as stored for listing; <see cref="Data"/> is its full JSON.</summary>
public sealed record TopicRow(string Id, string Title, string? AuthorName, string? AuthorEmail, DateTimeOffset FirstPosted,
    DateTimeOffset LastActivity, string State, int CurrentVersion, int Patches, int Reviewed, string Data,
    IReadOnlyList<string> MessageIds);

public sealed record TopicSummary(string Id, string Title, string? AuthorName, string? AuthorEmail, string FirstPosted,
    string LastActivity, string State, long CurrentVersion, long Patches, long Reviewed, string? StableTree);
