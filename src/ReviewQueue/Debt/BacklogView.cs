using ReviewQueue.Core.Review;

namespace ReviewQueue.Debt;

/// <summary>
/// What backlog --json and /api/backlog print (one serializer, one object): the debt of every
/// section worst first, THE REST last (ReviewDebt.WorstFirst), or of one section with its waiting series (fixes first, then oldest).
/// </summary>
/// <param name="AsOf">Null when the ledger's debt was never measured (no rebuild has run on it yet).</param>
/// <param name="Computed">"stored" when read from the aggregates of the last refresh, "events" when recomputed for --as-of.</param>
public sealed record BacklogView(DateTimeOffset? AsOf, string Computed, SubsystemDebt Total, IReadOnlyList<SubsystemDebt> Subsystems,
    IReadOnlyList<WaitingSeries>? Waiting);

/// <summary>One day of debt for the trend chart.</summary>
public sealed record DebtDay(string Day, long OpenSeries, long WaitingPatches, long WaitingFixes, double PatchDays);
