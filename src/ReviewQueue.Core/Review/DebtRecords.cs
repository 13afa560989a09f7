namespace ReviewQueue.Core.Review;

// The debt report's values (JSON contract of backlog --json and /api/backlog: scripts rely on these names).

/// <summary>The series that has waited longest in a subsystem.</summary>
public sealed record OldestWaiter(string TopicId, string Title, DateTimeOffset FirstPosted, double AgeDays);

/// <summary>Review debt of one MAINTAINERS section (or of everything, counting each series once).</summary>
/// <param name="OpenSeries">Open series with unreviewed patches (objected ones wait for their author, not a reviewer).</param>
/// <param name="WaitingPatches">Unreviewed patches (unreviewed or only discussed) of those series that map here.</param>
/// <param name="FixSeries">Of the open series, those with an unreviewed fix.</param>
/// <param name="WaitingFixes">Unreviewed patches carrying Fixes: or Cc: stable.</param>
/// <param name="PatchDays">Sum over waiting patches of days since their topic was first posted.</param>
/// <param name="StaleSeries">Open series without any activity for the policy's StaleAfter.</param>
/// <param name="FirstReview">Time from a topic's first posting to its first review, over reviewed topics.</param>
/// <param name="ReviewedBeforeAcceptShare">Accepted series whose every patch had a review before it was accepted, as a share.</param>
public sealed record SubsystemDebt(
    string Name,
    int OpenSeries,
    int WaitingPatches,
    int FixSeries,
    int WaitingFixes,
    double PatchDays,
    OldestWaiter? Oldest,
    int StaleSeries,
    Durations FirstReview,
    int AcceptedSeries,
    int AcceptedReviewed,
    double? ReviewedBeforeAcceptShare);

/// <summary>
/// One open series that waits for review, as the subsystem page and backlog --subsystem list it. It waits in the
/// sections of its unreviewed patches' files (<see cref="Subsystems"/>), not in those whose patches were all reviewed.
/// </summary>
public sealed record WaitingSeries(
    string TopicId,
    string Title,
    string? AuthorName,
    string? AuthorEmail,
    string Version,
    string State,
    DateTimeOffset FirstPosted,
    DateTimeOffset LastActivity,
    double AgeDays,
    int Patches,
    int ReviewedPatches,
    int WaitingPatches,
    int WaitingFixes,
    bool Stale,
    /// <summary>The cover letter, else patch 1, of the current revision (for lore links).</summary>
    string MessageId,
    IReadOnlyList<string> Subsystems,
    IReadOnlyList<string> SuggestedReviewers)
{
    /// <summary>Waiting patches and fixes in each of <see cref="Subsystems"/>, in that order (kept out of the JSON: see <see cref="In"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<(int Patches, int Fixes)>? WaitingBySubsystem { get; init; }

    /// <summary>
    /// The series as a section's list shows it: its waiting patches and fixes those of that section's files, so the
    /// list adds up to the section's row (the whole series' are <see cref="Patches"/> and <see cref="ReviewedPatches"/>).
    /// </summary>
    public WaitingSeries In(string subsystem)
    {
        int i = WaitingBySubsystem is null ? -1 : Subsystems.ToList().IndexOf(subsystem);
        return i < 0 ? this : this with { WaitingPatches = WaitingBySubsystem![i].Patches, WaitingFixes = WaitingBySubsystem[i].Fixes };
    }
}

/// <summary>The debt of every subsystem at one moment, worst first (THE REST last, <see cref="ReviewDebt.WorstFirst"/>), and the same over everything.</summary>
public sealed record DebtReport(DateTimeOffset AsOf, SubsystemDebt Total, IReadOnlyList<SubsystemDebt> Subsystems, IReadOnlyList<WaitingSeries> Waiting);

/// <summary>Reviews a person (or a mail domain) gave against the reviews their own patches needed.</summary>
/// <param name="Given">Review trailers given on others' patches (one per patch; carried copies not counted again).</param>
/// <param name="Needed">Patches of their own in the current revisions of their topics: each needs a review.</param>
/// <param name="Received">Of those, the patches someone else reviewed.</param>
/// <param name="Balance">Given minus Needed: above zero, they review more than they ask for.</param>
/// <param name="ReviewTime">Time from a revision's posting to their review of it.</param>
public sealed record ReviewBalance(string Key, string? Name, int Given, int Needed, int Received, int Balance, Durations ReviewTime)
{
    /// <summary>
    /// A person's other addresses, as written in the mail (lower case, sorted), that the .mailmap mapped to
    /// <see cref="Key"/> and that were counted here; empty without a mailmap, and for a domain. A row stored before
    /// mailmaps were read has none (null in its JSON).
    /// </summary>
    public IReadOnlyList<string> MappedFrom { get => mappedFrom; init => mappedFrom = value ?? []; }

    readonly IReadOnlyList<string> mappedFrom = [];
}

/// <param name="AsOf">Null when the ledger's debt was never measured.</param>
public sealed record PeopleReport(DateTimeOffset? AsOf, IReadOnlyList<ReviewBalance> People, IReadOnlyList<ReviewBalance> Domains);
