using System.Globalization;
using ReviewQueue.Core.Review;
using ReviewQueue.Series;
using ReviewQueue.Storage;

namespace ReviewQueue.Debt;

/// <summary>
/// The one way the CLI, the dashboard and the API ask for debt: now (from the stored aggregates) or
/// as of a past day (the topics assembled from the events, a batch at a time, each cut at that day's end, as the
/// daily history is).
/// </summary>
public sealed class Backlog(DebtStore store, SeriesProjection projection, ReviewRulesProvider rules, ReviewPolicy policy, ISubsystemMap map)
{
    /// <summary>The debt now, or at the end of <paramref name="day"/>; one section (with its waiting series) when named.</summary>
    /// <returns>null when a section is named that has no topics.</returns>
    public async Task<BacklogView?> DebtAsync(string? subsystem, DateOnly? day, CancellationToken cancellationToken)
    {
        if (day is { } d)
        {
            var at = DebtHistory.EndOf(d);
            var debt = new DebtTally(rules.Review, map, at);
            await projection.AsOfInBatchesAsync(at, debt.Add, cancellationToken);
            var report = debt.Report();
            if (subsystem is null)
                return new BacklogView(at, "events", report.Total, report.Subsystems, null);
            var one = report.Subsystems.Where(s => s.Name == subsystem).ToList();
            return one.Count == 0 ? null
                : new BacklogView(at, "events", report.Total, one, Here(report.Waiting, subsystem));
        }

        var asOf = await store.MetaAsync(DebtStore.AsOfKey, cancellationToken);
        var total = await store.MetaAsync(DebtStore.TotalKey, cancellationToken);
        if (asOf is null || total is null)
            return subsystem is null ? new BacklogView(DateTimeOffset.UnixEpoch, "stored", Empty, [], null) : null;
        var rows = (await store.SubsystemsAsync(subsystem, cancellationToken)).Select(DebtJson.Read<SubsystemDebt>).ToList();
        if (subsystem is not null && rows.Count == 0)
            return null;
        var waiting = subsystem is null ? null
            : (await store.WaitingAsync(subsystem, cancellationToken)).Select(DebtJson.Read<WaitingSeries>).ToList();
        return new BacklogView(DateTimeOffset.Parse(asOf, CultureInfo.InvariantCulture), "stored", DebtJson.Read<SubsystemDebt>(total), rows, waiting);
    }

    /// <summary>The backlog of every section now exactly as `backlog --json` prints it (stored at refresh; null before the first).</summary>
    public Task<string?> StoredJsonAsync(CancellationToken cancellationToken) => store.MetaAsync(DebtStore.BacklogJsonKey, cancellationToken);

    public async Task<PeopleReport> PeopleAsync(DateOnly? day, CancellationToken cancellationToken)
    {
        if (day is { } d)
        {
            var at = DebtHistory.EndOf(d);
            var balances = new BalanceTally(rules.Review, policy.IsBot, at);
            await projection.AsOfInBatchesAsync(at, balances.Add, cancellationToken);
            return balances.Report();
        }
        var asOf = await store.MetaAsync(DebtStore.AsOfKey, cancellationToken);
        var people = (await store.PeopleAsync(DebtProjection.Person, cancellationToken)).Select(DebtJson.Read<ReviewBalance>).ToList();
        var domains = (await store.PeopleAsync(DebtProjection.Domain, cancellationToken)).Select(DebtJson.Read<ReviewBalance>).ToList();
        return new PeopleReport(asOf is null ? DateTimeOffset.UnixEpoch : DateTimeOffset.Parse(asOf, CultureInfo.InvariantCulture), people, domains);
    }

    /// <summary>Debt per day, oldest first, for a section or for everything ('(all)').</summary>
    public async Task<IReadOnlyList<DebtDay>> HistoryAsync(string? subsystem, CancellationToken cancellationToken) =>
        (await store.HistoryAsync(subsystem ?? ReviewDebt.All, cancellationToken))
            .Select(h => new DebtDay(h.Day, h.OpenSeries, h.WaitingPatches, h.WaitingFixes, h.PatchDays)).ToList();

    /// <summary>A section's waiting series with that section's counts, fixes first then oldest, as the stored list ranks them.</summary>
    static List<WaitingSeries> Here(IEnumerable<WaitingSeries> waiting, string subsystem)
    {
        var here = waiting.Where(w => w.Subsystems.Contains(subsystem)).Select(w => w.In(subsystem)).ToList();
        here.Sort(ReviewDebt.FixesThenOldest);
        return here;
    }

    static readonly SubsystemDebt Empty = new(ReviewDebt.All, 0, 0, 0, 0, 0, null, 0, Durations.None, 0, 0, null);
}
