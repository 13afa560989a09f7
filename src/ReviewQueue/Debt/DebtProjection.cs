using System.Globalization;
using System.Text.Json;
using ReviewQueue.Commands;
using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using ReviewQueue.Series;
using ReviewQueue.Storage;

namespace ReviewQueue.Debt;

/// <summary>
/// Stores review debt each time the topics are rebuilt (migration 0006): the debt of every section
/// now, the series waiting in each, people's balance, and the daily history per section (the days that do not
/// follow from the day before, <see cref="HistoryPoints"/>).
/// History is recomputed (each topic cut as of each day's end, see DebtHistory) from the day of the
/// last refresh, or of the earliest event recorded since if that is older, on; older days stay as
/// they were computed.
/// </summary>
public sealed class DebtProjection(DebtStore store, ReviewRulesProvider rules, ReviewPolicy policy, ISubsystemMap map,
    TimeProvider time) : ITopicsFollower
{
    public async Task<ITopicsRefresh> BeginAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stamp = EventStore.Time(now);
        var lastStamp = await store.StampAsync(cancellationToken);
        // Days measured under other MAINTAINERS sections (renamed, split, a new driver's own) are measured again, all of
        // them, as a first refresh does: --as-of maps every day's files by the sections of now, and so must the chart.
        var sections = map.Signature;
        if (lastStamp is not null && await store.MetaAsync(DebtStore.SectionsKey, cancellationToken) != sections)
            lastStamp = null;
        var earliest = await store.EarliestEventAsync(lastStamp, cancellationToken);

        // History is measured again from the earliest of: the day of the last refresh (the days since were not
        // measured yet, or only in part) and the date of any event recorded since (mail may arrive late).
        // The first refresh measures all of it.
        // The rebuild appends the events it derives (revision linked, superseded) after this begins, so after the
        // stamp taken here: they are recorded after it, and one dated before `from` makes the next refresh measure
        // again from its day.
        var since = lastStamp is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(lastStamp, CultureInfo.InvariantCulture);
        var earliestAt = earliest is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(earliest, CultureInfo.InvariantCulture);
        var from = (since, earliestAt) switch
        {
            ({ } s, { } e) => e < s ? e : s,
            ({ } s, null) => s,
            (null, { } e) => e,
            _ => now,
        };
        string? historyFrom = since is null ? null : Day(from);
        // A section with days before `from` keeps a day every day after them, as a first refresh measures it, also when
        // no topic is in it from `from` on: else its days would end (or, with a later series in it, stop and start again).
        var measuredBefore = historyFrom is null ? [] : await store.SectionsBeforeAsync(historyFrom, cancellationToken);
        // People are counted again whole at every refresh, under the .mailmap of now: a changed one takes effect here.
        var mailmap = map.Mailmap;
        return new Refresh(store, await store.StageWaitingAsync(cancellationToken), now, stamp, historyFrom, sections, mailmap.Signature,
            new HistoryTally(rules.Review, map, DateOnly.FromDateTime(from.UtcDateTime), now, measuredBefore),
            new DebtTally(rules.Review, map, now), new BalanceTally(rules.Review, policy.IsBot, now, mailmap));
    }

    /// <summary>
    /// One refresh: the three measures fed batch by batch; the waiting series staged as each batch is measured (there
    /// may be tens of thousands), the rest stored in one transaction at the end.
    /// </summary>
    sealed class Refresh(DebtStore store, DebtWaitingStage waiting, DateTimeOffset now, string stamp, string? historyFrom,
        string sections, string mailmap, HistoryTally history, DebtTally debt, BalanceTally people) : ITopicsRefresh
    {
        public async Task AddAsync(IReadOnlyList<Topic> topics, CancellationToken cancellationToken)
        {
            // History is the largest part: on one core, the debt now and people's balance on the other. Those two see
            // the topics as they stand now, as the history's last day and --as-of today do: a mail dated later (a
            // sender's clock ahead) is not known yet, so its review does not count and its v2 supersedes nothing.
            Parallel.Invoke(() => history.Add(topics), () =>
            {
                var known = topics.Select(t => t.AsOf(now)).OfType<Topic>().ToList();
                debt.Add(known);
                people.Add(known);
            });
            await waiting.AddAsync(Staged(debt.TakeWaiting()), cancellationToken);
        }

        public async Task EndAsync(CancellationToken cancellationToken)
        {
            var report = debt.Report();
            var (subsystems, peopleRows) = Rows(report, people.Report());
            await store.ReplaceAsync(subsystems, waiting, peopleRows, Json(report.Total), stamp, historyFrom,
                history.Days(), BacklogJson(report), stamp, sections, mailmap, cancellationToken);
        }

        public ValueTask DisposeAsync() => waiting.DisposeAsync();
    }

    /// <summary>A waiting series once per section it waits in, with the keys of its rank there.</summary>
    public static IEnumerable<StagedWaiting> Staged(IEnumerable<WaitingSeries> waiting)
    {
        foreach (var w in waiting)
            foreach (var section in w.Subsystems)
            {
                var here = w.In(section);
                yield return new StagedWaiting(section, here.WaitingFixes > 0, w.FirstPosted, w.TopicId, Json(here));
            }
    }

    /// <summary>The stored rows of a report: sections by rank, people and domains by balance (waiting series are <see cref="Staged"/>).</summary>
    public static (List<DebtSubsystemRow>, List<DebtPeopleRow>) Rows(DebtReport report, PeopleReport people)
    {
        var subsystems = report.Subsystems.Select((s, i) => new DebtSubsystemRow(s.Name, i + 1, s.OpenSeries, s.WaitingPatches,
            s.WaitingFixes, s.PatchDays, Json(s))).ToList();
        var peopleRows = people.People.Select((p, i) => new DebtPeopleRow(Person, p.Key, i + 1, Json(p)))
            .Concat(people.Domains.Select((p, i) => new DebtPeopleRow(Domain, p.Key, i + 1, Json(p))))
            .ToList();
        return (subsystems, peopleRows);
    }

    /// <summary>What `backlog --json` prints for every section now: written once here, printed as is.</summary>
    public static string BacklogJson(DebtReport report) =>
        DebtJson.Serialize(new BacklogView(report.AsOf, "stored", report.Total, report.Subsystems, null));

    public const string Person = "person";
    public const string Domain = "domain";

    static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, DebtJson.Compact);
}
