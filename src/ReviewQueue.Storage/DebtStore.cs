using System.Globalization;
using Dapper;
using ReviewQueue.Core.Review;
using Microsoft.Data.Sqlite;

namespace ReviewQueue.Storage;

public sealed record DebtSubsystemRow(string Name, int Rank, int OpenSeries, int WaitingPatches, int WaitingFixes, double PatchDays, string Data);

public sealed record DebtHistoryRow(string Subsystem, string Day, long OpenSeries, long WaitingPatches, long WaitingFixes, double PatchDays);

public sealed record DebtPeopleRow(string Kind, string Key, int Rank, string Data);

/// <summary>The precomputed review debt (migration 0006): replaced as a whole on refresh, read by key.</summary>
public sealed class DebtStore(Ledger ledger)
{
    public const string StampKey = "debt-refreshed";
    public const string TotalKey = "debt-total";
    public const string AsOfKey = "debt-as-of";
    /// <summary>The backlog of every section now, as `backlog --json` prints it, written at refresh.</summary>
    public const string BacklogJsonKey = "debt-backlog-json";
    /// <summary>Which refresh wrote <see cref="BacklogJsonKey"/> and in which order (<see cref="BacklogJsonBy"/>).</summary>
    public const string BacklogJsonByKey = "debt-backlog-json-by";

    /// <summary>
    /// Raised when the stored backlog JSON of an earlier build is no longer what this one prints (its figures are the
    /// refresh's either way). 2: THE REST after the named sections (ReviewDebt.WorstFirst; the builds before ranked it by
    /// its debt, first, and wrote no <see cref="BacklogJsonByKey"/>).
    /// </summary>
    public const int BacklogJsonVersion = 2;

    /// <summary>
    /// What <see cref="BacklogJsonByKey"/> holds for the JSON written by the refresh <paramref name="stamp"/>: a refresh by
    /// an earlier build (before an upgrade, or run again after it) rewrites the JSON and the stamp, not this.
    /// </summary>
    public static string BacklogJsonBy(string stamp) => $"{BacklogJsonVersion.ToString(CultureInfo.InvariantCulture)} {stamp}";

    /// <summary>The signature of the MAINTAINERS sections the stored history was measured under (ISubsystemMap.Signature).</summary>
    public const string SectionsKey = "debt-sections";
    /// <summary>The signature of the .mailmap the stored people were counted under (GitMailmap.Signature; empty: none).</summary>
    public const string PeopleMailmapKey = "people-mailmap";

    /// <summary>
    /// Replaces the current debt, and the history from <paramref name="historyFrom"/> on (null: all of it), storing the
    /// days <see cref="HistoryPoints.Kept"/> (<see cref="HistoryAsync"/> fills in the rest). The waiting
    /// series come staged (<see cref="DebtWaitingStage"/>) and are ranked per section here, on the stage's connection.
    /// </summary>
    /// <param name="sections">The signature of the MAINTAINERS sections the history was measured under (<see cref="SectionsKey"/>),
    /// in the same transaction; null leaves the stored one.</param>
    /// <param name="peopleMailmap">The signature of the .mailmap the people were counted under (<see cref="PeopleMailmapKey"/>).</param>
    public async Task ReplaceAsync(IReadOnlyList<DebtSubsystemRow> subsystems, DebtWaitingStage waiting,
        IReadOnlyList<DebtPeopleRow> people, string totalJson, string asOf, string? historyFrom, IReadOnlyList<SectionDay> history,
        string backlogJson, string stamp, string? sections, string peopleMailmap, CancellationToken cancellationToken)
    {
        var c = waiting.Connection;
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM debt_subsystems; DELETE FROM debt_waiting; DELETE FROM debt_people;",
            transaction: tx, cancellationToken: cancellationToken));
        await c.ExecuteAsync(new CommandDefinition(
            historyFrom is null ? "DELETE FROM debt_history" : "DELETE FROM debt_history WHERE day >= @historyFrom",
            new { historyFrom }, tx, cancellationToken: cancellationToken));
        await InsertAllAsync(c, tx, """
            INSERT INTO debt_subsystems(name, rank, open_series, waiting_patches, waiting_fixes, patch_days, data)
            VALUES (@Name, @Rank, @OpenSeries, @WaitingPatches, @WaitingFixes, @PatchDays, @Data)
            """, subsystems, cancellationToken);
        await c.ExecuteAsync(new CommandDefinition(DebtWaitingStage.Ranked, transaction: tx, cancellationToken: cancellationToken));
        await InsertAllAsync(c, tx, "INSERT INTO debt_people(kind, key, rank, data) VALUES (@Kind, @Key, @Rank, @Data)", people, cancellationToken);
        var before = historyFrom is null ? [] : await LastKeptBeforeAsync(c, tx, historyFrom, cancellationToken);
        await InsertHistoryAsync(c, tx, HistoryPoints.Kept(history, before), cancellationToken);
        foreach (var (key, value) in new[] { (TotalKey, totalJson), (AsOfKey, asOf), (BacklogJsonKey, backlogJson), (BacklogJsonByKey, BacklogJsonBy(stamp)),
            (StampKey, stamp), (SectionsKey, sections), (PeopleMailmapKey, peopleMailmap) })
            if (value is not null)
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO meta(key, value) VALUES (@key, @value) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    new { key, value }, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Opens a stage for a refresh's waiting series (see <see cref="DebtWaitingStage"/>).</summary>
    public Task<DebtWaitingStage> StageWaitingAsync(CancellationToken cancellationToken) => DebtWaitingStage.OpenAsync(ledger, cancellationToken);

    const string InsertHistory = """
        INSERT INTO debt_history(subsystem, day, open_series, waiting_patches, waiting_fixes, patch_days)
        VALUES ($subsystem, $day, $open_series, $waiting_patches, $waiting_fixes, $patch_days)
        ON CONFLICT(subsystem, day) DO UPDATE SET open_series = excluded.open_series, waiting_patches = excluded.waiting_patches,
            waiting_fixes = excluded.waiting_fixes, patch_days = excluded.patch_days
        """;

    /// <summary>Each section's last stored day before <paramref name="day"/>: what a history measured again from that day on follows from.</summary>
    static async Task<List<SectionDay>> LastKeptBeforeAsync(SqliteConnection c, SqliteTransaction tx, string day, CancellationToken cancellationToken)
    {
        var rows = await c.QueryAsync<DebtHistoryRow>(new CommandDefinition("""
            SELECT h.subsystem AS Subsystem, h.day AS Day, h.open_series AS OpenSeries, h.waiting_patches AS WaitingPatches,
                   h.waiting_fixes AS WaitingFixes, h.patch_days AS PatchDays
            FROM debt_history h
            JOIN (SELECT subsystem, max(day) AS day FROM debt_history WHERE day < @day GROUP BY subsystem) l
              ON l.subsystem = h.subsystem AND l.day = h.day
            """, new { day }, tx, cancellationToken: cancellationToken));
        return rows.Select(Day).ToList();
    }

    /// <summary>The sections with a stored day before <paramref name="day"/> (<see cref="ReviewDebt.All"/> left out).</summary>
    public async Task<IReadOnlyList<string>> SectionsBeforeAsync(string day, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        return (await c.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT subsystem FROM debt_history WHERE day < @day AND subsystem <> @all ORDER BY subsystem",
            new { day, all = ReviewDebt.All }, cancellationToken: cancellationToken))).AsList();
    }

    // Bound field by field, not by reflection: a first measure with a real MAINTAINERS still stores thousands of days.
    static async Task InsertHistoryAsync(SqliteConnection c, SqliteTransaction tx, IEnumerable<SectionDay> days, CancellationToken cancellationToken)
    {
        await using var insert = PreparedCommand.Create(c, tx, InsertHistory, "$subsystem", "$day", "$open_series", "$waiting_patches",
            "$waiting_fixes", "$patch_days");
        var p = insert.Parameters;
        foreach (var row in days)
        {
            p[0].Value = row.Section;
            p[1].Value = row.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            p[2].Value = row.OpenSeries;
            p[3].Value = row.WaitingPatches;
            p[4].Value = row.WaitingFixes;
            p[5].Value = row.PatchDays;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // One prepared command per table: a million rows go in within seconds.
    static async Task InsertAllAsync<T>(SqliteConnection c, SqliteTransaction tx, string sql, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            return;
        await using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        var props = typeof(T).GetProperties().Where(p => sql.Contains("@" + p.Name + ",") || sql.Contains("@" + p.Name + ")")).ToList();
        var parameters = props.Select(p => command.Parameters.Add(new SqliteParameter("@" + p.Name, null))).ToList();
        command.Prepare();
        foreach (var row in rows)
        {
            for (int i = 0; i < props.Count; i++)
                parameters[i].Value = props[i].GetValue(row) ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Which refresh the stored debt comes from (changes every refresh; null before the first).</summary>
    public async Task<string?> StampAsync(CancellationToken cancellationToken) => await MetaAsync(StampKey, cancellationToken);

    public async Task<string?> MetaAsync(string key, CancellationToken cancellationToken)
    {
        // Plain ADO.NET: `backlog --json` reads one value here, and Dapper's first use costs more than the read.
        await using var c = await ledger.ConnectPlainAsync(cancellationToken);
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>
    /// The backlog JSON of the last refresh, when this build's order wrote it (<see cref="BacklogJsonBy"/>); else null: none
    /// was stored yet, or an earlier build stored it, and the rows tell the same in the order of now.
    /// </summary>
    public async Task<string?> BacklogJsonAsync(CancellationToken cancellationToken)
    {
        // Plain ADO.NET, one statement: `backlog --json` reads this alone.
        await using var c = await ledger.ConnectPlainAsync(cancellationToken);
        await using var command = c.CreateCommand();
        command.CommandText = """
            SELECT value FROM meta WHERE key = $json
               AND (SELECT value FROM meta WHERE key = $by) = $version || ' ' || (SELECT value FROM meta WHERE key = $stamp)
            """;
        command.Parameters.AddWithValue("$json", BacklogJsonKey);
        command.Parameters.AddWithValue("$by", BacklogJsonByKey);
        command.Parameters.AddWithValue("$version", BacklogJsonVersion.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$stamp", StampKey);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>The stored SubsystemDebt JSON by stored rank (as the refresh's build ranked it); one section when a name is given.</summary>
    public async Task<IReadOnlyList<string>> SubsystemsAsync(string? name, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        return (await c.QueryAsync<string>(new CommandDefinition(
            "SELECT data FROM debt_subsystems WHERE @name IS NULL OR name = @name ORDER BY rank", new { name },
            cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Every section with debt now or a day of history: the names debt was measured under.</summary>
    public async Task<IReadOnlyList<string>> SubsystemNamesAsync(CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        return (await c.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM debt_subsystems UNION SELECT DISTINCT subsystem FROM debt_history WHERE subsystem <> @all",
            new { all = Core.Review.ReviewDebt.All }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<IReadOnlyList<string>> WaitingAsync(string subsystem, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        return (await c.QueryAsync<string>(new CommandDefinition(
            "SELECT data FROM debt_waiting WHERE subsystem = @subsystem ORDER BY rank", new { subsystem },
            cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>A section's debt every day from its first, oldest first: the stored days and those between them filled in
    /// (<see cref="HistoryPoints.Filled"/>; a ledger written before the history was stored so has every day).</summary>
    public async Task<IReadOnlyList<DebtHistoryRow>> HistoryAsync(string subsystem, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        var stored = (await c.QueryAsync<DebtHistoryRow>(new CommandDefinition("""
            SELECT subsystem AS Subsystem, day AS Day, open_series AS OpenSeries, waiting_patches AS WaitingPatches,
                   waiting_fixes AS WaitingFixes, patch_days AS PatchDays
            FROM debt_history WHERE subsystem = @subsystem ORDER BY day
            """, new { subsystem }, cancellationToken: cancellationToken))).AsList();
        return HistoryPoints.Filled(stored.Select(Day).ToList()).Select(d => new DebtHistoryRow(d.Section, d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            d.OpenSeries, d.WaitingPatches, d.WaitingFixes, d.PatchDays)).ToList();
    }

    static SectionDay Day(DebtHistoryRow r) => new(r.Subsystem, DateOnly.ParseExact(r.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        (int)r.OpenSeries, (int)r.WaitingPatches, (int)r.WaitingFixes, r.PatchDays);

    public async Task<IReadOnlyList<string>> PeopleAsync(string kind, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        return (await c.QueryAsync<string>(new CommandDefinition(
            "SELECT data FROM debt_people WHERE kind = @kind ORDER BY rank", new { kind }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>The earliest time of an event recorded at or after <paramref name="recordedSince"/> (all events when null).</summary>
    public async Task<string?> EarliestEventAsync(string? recordedSince, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        return await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT min(at) FROM events WHERE @since IS NULL OR recorded >= @since", new { since = recordedSince },
            cancellationToken: cancellationToken));
    }
}
