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
/// now, the series waiting in each, people's balance, and one history row per section per day.
/// History is recomputed from the events (topics assembled as of each day's end) from the earliest
/// event recorded since the last refresh on; older days stay as they were computed.
/// </summary>
public sealed class DebtProjection(DebtStore store, ReviewRulesProvider rules, ReviewPolicy policy, ISubsystemMap map,
    TimeProvider time) : ITopicsFollower
{
    public async Task RefreshAsync(IReadOnlyList<Topic> topics, Func<DateTimeOffset, IReadOnlyList<Topic>> asOf, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stamp = EventStore.Time(now);
        var report = ReviewDebt.Measure(topics, rules.Review, map, now);
        var people = ReviewerBalances.Measure(topics, rules.Review, policy.IsBot, now);

        var lastStamp = await store.StampAsync(cancellationToken);
        var earliest = await store.EarliestEventAsync(lastStamp, cancellationToken);
        var history = new List<DebtHistoryRow>();
        string? historyFrom = null;
        if (earliest is not null || lastStamp is null)
        {
            var from = earliest is null ? now : DateTimeOffset.Parse(earliest, CultureInfo.InvariantCulture);
            historyFrom = lastStamp is null ? null : Day(from);
            history = History(topics, asOf, from, now);
        }

        var (subsystems, waiting, peopleRows) = Rows(report, people);
        await store.ReplaceAsync(subsystems, waiting, peopleRows, Json(report.Total), stamp, historyFrom, history, BacklogJson(report),
            stamp, cancellationToken);
    }

    /// <summary>The stored rows of a report: sections by rank, each section's waiting series by rank, people and domains by balance.</summary>
    public static (List<DebtSubsystemRow>, List<DebtWaitingRow>, List<DebtPeopleRow>) Rows(DebtReport report, PeopleReport people)
    {
        var subsystems = report.Subsystems.Select((s, i) => new DebtSubsystemRow(s.Name, i + 1, s.OpenSeries, s.WaitingPatches,
            s.WaitingFixes, s.PatchDays, Json(s))).ToList();
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        var waiting = new List<DebtWaitingRow>();
        foreach (var w in report.Waiting)
        {
            var json = Json(w);
            foreach (var section in w.Subsystems)
            {
                int rank = ranks[section] = ranks.GetValueOrDefault(section) + 1;
                waiting.Add(new DebtWaitingRow(section, rank, w.TopicId, json));
            }
        }
        var peopleRows = people.People.Select((p, i) => new DebtPeopleRow(Person, p.Key, i + 1, Json(p)))
            .Concat(people.Domains.Select((p, i) => new DebtPeopleRow(Domain, p.Key, i + 1, Json(p))))
            .ToList();
        return (subsystems, waiting, peopleRows);
    }

    /// <summary>What `backlog --json` prints for every section now: written once here, printed as is.</summary>
    public static string BacklogJson(DebtReport report) =>
        DebtJson.Serialize(new BacklogView(report.AsOf, "stored", report.Total, report.Subsystems, null));

    public const string Person = "person";
    public const string Domain = "domain";

    /// <summary>
    /// One row per section per day from <paramref name="from"/>'s day to today. Topics are assembled again
    /// only for days on which something happened; between them the same topics are measured a day older.
    /// </summary>
    List<DebtHistoryRow> History(IReadOnlyList<Topic> topics, Func<DateTimeOffset, IReadOnlyList<Topic>> asOf, DateTimeOffset from, DateTimeOffset now)
    {
        var eventDays = EventDays(topics);
        var rows = new List<DebtHistoryRow>();
        IReadOnlyList<Topic>? then = null;
        for (var day = from.UtcDateTime.Date; day <= now.UtcDateTime.Date; day = day.AddDays(1))
        {
            var end = new DateTimeOffset(day.AddDays(1).AddSeconds(-1), TimeSpan.Zero);
            var moment = end > now ? now : end;
            if (then is null || eventDays.Contains(day))
                then = asOf(moment);
            var r = ReviewDebt.Measure(then, rules.Review, map, moment);
            var key = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            rows.Add(Row(ReviewDebt.All, key, r.Total));
            rows.AddRange(r.Subsystems.Select(s => Row(s.Name, key, s)));
        }
        return rows;
    }

    static DebtHistoryRow Row(string name, string day, SubsystemDebt d) =>
        new(name, day, d.OpenSeries, d.WaitingPatches, d.WaitingFixes, d.PatchDays);

    /// <summary>Every day on which a topic changed: postings, replies, trailers, acceptances, withdrawals.</summary>
    static HashSet<DateTime> EventDays(IReadOnlyList<Topic> topics)
    {
        var days = new HashSet<DateTime>();
        foreach (var t in topics)
            foreach (var r in t.Revisions)
            {
                days.Add(r.Posted.UtcDateTime.Date);
                if (r.WithdrawnAt is { } w)
                    days.Add(w.UtcDateTime.Date);
                foreach (var d in r.CoverDiscussion)
                    days.Add(d.Date.UtcDateTime.Date);
                foreach (var p in r.Patches)
                {
                    days.Add(p.Date.UtcDateTime.Date);
                    foreach (var tr in p.Trailers)
                        days.Add(tr.Date.UtcDateTime.Date);
                    foreach (var d in p.Discussion)
                        days.Add(d.Date.UtcDateTime.Date);
                    if (p.Accepted is { } a)
                        days.Add(a.Date.UtcDateTime.Date);
                }
            }
        return days;
    }

    static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, DebtJson.Compact);
}
