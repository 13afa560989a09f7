using System.Globalization;
using ReviewQueue.Core.Review;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.Subsystems;

namespace ReviewQueue.Debt;

/// <summary>
/// The one way the CLI, the dashboard and the API ask for debt: now (from the stored aggregates) or
/// as of a past day (the topics assembled from the events, a batch at a time, each cut at that day's end, as the
/// daily history is). A day after today is not asked for (<see cref="IsFuture"/>): nothing is known of it.
/// </summary>
public sealed class Backlog(DebtStore store, SeriesProjection projection, ReviewRulesProvider rules, ReviewPolicy policy, ISubsystemMap map,
    MaintainersSubsystems maintainers, TimeProvider time)
{
    /// <summary>
    /// The debt now, or at the end of <paramref name="day"/>; one section (with its waiting series) when named, by its name
    /// in any case (the view names it as MAINTAINERS does).
    /// </summary>
    /// <returns>null when a section is named that has no topics (<see cref="MissAsync"/> says why).</returns>
    public async Task<BacklogView?> DebtAsync(string? subsystem, DateOnly? day, CancellationToken cancellationToken)
    {
        if (subsystem is not null && day is not null)
        {
            // Recomputing a past day costs a pass over the events: the name is found first.
            if (await SectionAsync(subsystem, cancellationToken) is not { } named)
                return null;
            subsystem = named;
        }
        var view = await ExactAsync(subsystem, day, cancellationToken);
        if (view is not null || subsystem is null || day is not null)
            return view;
        // Asked in another case ("hardware monitoring"): the section as spelled where debt was measured, or in MAINTAINERS.
        return await SectionAsync(subsystem, cancellationToken) is { } section && section != subsystem
            ? await ExactAsync(section, day, cancellationToken)
            : null;
    }

    /// <summary>The section named so in any case: as debt was measured under it, or as MAINTAINERS spells it; null when none is.</summary>
    public async Task<string?> SectionAsync(string name, CancellationToken cancellationToken)
    {
        if (name == ReviewDebt.All)
            return null;
        return new SectionNames(await store.SubsystemNamesAsync(cancellationToken)).Canonical(name)
            ?? new SectionNames(maintainers.SectionNames()).Canonical(name);
    }

    /// <summary>Why a named section has no backlog: no section has that name (with the closest that do), or nothing waits in it.</summary>
    public async Task<SectionMiss> MissAsync(string name, CancellationToken cancellationToken)
    {
        if (await SectionAsync(name, cancellationToken) is { } section)
            return new SectionMiss(name, section, []);
        var known = (await store.SubsystemNamesAsync(cancellationToken)).Concat(maintainers.SectionNames()).Distinct(StringComparer.Ordinal);
        return new SectionMiss(name, null, new SectionNames(known).Closest(name));
    }

    async Task<BacklogView?> ExactAsync(string? subsystem, DateOnly? day, CancellationToken cancellationToken)
    {
        if (day is { } d)
        {
            var at = DebtHistory.Moment(d, time.GetUtcNow()); // today: now, as the history measures it
            var debt = new DebtTally(rules.Review, map, at);
            await projection.AsOfInBatchesAsync(at, debt.Add, cancellationToken);
            var report = debt.Report();
            if (subsystem is null)
                return new BacklogView(at, "events", report.Total, report.Subsystems, null);
            var one = report.Subsystems.Where(s => s.Name == subsystem).ToList();
            return one.Count == 0 ? null
                : new BacklogView(at, "events", report.Total, one, Here(report.Waiting, subsystem));
        }
        return await StoredAsync(store, subsystem, cancellationToken);
    }

    /// <summary>
    /// The debt the last refresh stored (every section; or one, with its waiting series), the sections in the order of now
    /// whichever build ranked them (<see cref="ReviewDebt.WorstFirst"/>: a ledger refreshed before THE REST was ranked last
    /// shows it last at once, not after its next refresh). Before the first refresh: no sections, no date; null for one.
    /// </summary>
    static async Task<BacklogView?> StoredAsync(DebtStore store, string? subsystem, CancellationToken cancellationToken)
    {
        var asOf = await store.MetaAsync(DebtStore.AsOfKey, cancellationToken);
        var total = await store.MetaAsync(DebtStore.TotalKey, cancellationToken);
        if (asOf is null || total is null)
            return subsystem is null ? new BacklogView(null, "stored", Empty, [], null) : null;
        var rows = (await store.SubsystemsAsync(subsystem, cancellationToken)).Select(DebtJson.Read<SubsystemDebt>).ToList();
        if (subsystem is not null && rows.Count == 0)
            return null;
        rows.Sort(ReviewDebt.WorstFirst);
        var waiting = subsystem is null ? null
            : (await store.WaitingAsync(subsystem, cancellationToken)).Select(DebtJson.Read<WaitingSeries>).ToList();
        return new BacklogView(DateTimeOffset.Parse(asOf, CultureInfo.InvariantCulture), "stored", DebtJson.Read<SubsystemDebt>(total), rows, waiting);
    }

    /// <summary>After today (UTC): a day whose debt cannot be measured yet.</summary>
    public static bool IsFuture(DateOnly day, TimeProvider time) => day > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>The backlog of every section now exactly as `backlog --json` prints it (<see cref="JsonNowAsync"/>; null before the first refresh).</summary>
    public Task<string?> StoredJsonAsync(CancellationToken cancellationToken) => JsonNowAsync(store, cancellationToken);

    /// <summary>
    /// The backlog of every section now as `backlog --json` and /api/backlog print it, from the ledger alone (no host): the
    /// JSON the last refresh stored, written once and printed as is; where an earlier build stored it (in its order), the
    /// same made from the stored rows (<see cref="StoredAsync"/>). Null before the first refresh.
    /// </summary>
    public static async Task<string?> JsonNowAsync(DebtStore store, CancellationToken cancellationToken) =>
        await store.BacklogJsonAsync(cancellationToken)
        ?? (await StoredAsync(store, null, cancellationToken) is { AsOf: not null } view ? DebtJson.Serialize(view) : null);

    /// <summary>
    /// People now (stored at refresh) or at the end of <paramref name="day"/>, each person's addresses merged by the .mailmap
    /// of now. People stored under another .mailmap (edited, or configured since) are counted again from the events, as of
    /// now, until the next refresh stores them under this one: the ledger keeps every address as written.
    /// </summary>
    public async Task<PeopleReport> PeopleAsync(DateOnly? day, CancellationToken cancellationToken)
    {
        if (day is { } d)
            return await CountPeopleAsync(DebtHistory.Moment(d, time.GetUtcNow()), cancellationToken); // today: now, as the history measures it
        var asOf = await store.MetaAsync(DebtStore.AsOfKey, cancellationToken);
        if (asOf is not null && (await store.MetaAsync(DebtStore.PeopleMailmapKey, cancellationToken) ?? "") != map.Mailmap.Signature)
            return await CountPeopleAsync(time.GetUtcNow(), cancellationToken);
        var people = (await store.PeopleAsync(DebtProjection.Person, cancellationToken)).Select(DebtJson.Read<ReviewBalance>).ToList();
        var domains = (await store.PeopleAsync(DebtProjection.Domain, cancellationToken)).Select(DebtJson.Read<ReviewBalance>).ToList();
        return new PeopleReport(asOf is null ? null : DateTimeOffset.Parse(asOf, CultureInfo.InvariantCulture), people, domains);
    }

    async Task<PeopleReport> CountPeopleAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var balances = new BalanceTally(rules.Review, policy.IsBot, at, map.Mailmap);
        await projection.AsOfInBatchesAsync(at, balances.Add, cancellationToken);
        return balances.Report();
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
