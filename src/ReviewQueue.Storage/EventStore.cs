using System.Globalization;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ReviewQueue.Storage;

/// <summary>A stored fact as series assembly reads it: its JSON as UTF-8 bytes.</summary>
public sealed record StoredFact(long Id, string Kind, string MessageId, string Target, string At, byte[] Data);

/// <summary>The append-only events table.</summary>
public sealed class EventStore(Ledger ledger, TimeProvider time)
{
    const string Insert = """
        INSERT INTO {0}(at, recorded, kind, message_id, target, data)
        VALUES ($at, $recorded, $kind, $message_id, $target, $data)
        ON CONFLICT(kind, message_id, target) DO NOTHING
        """;

    public static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Appends within the caller's transaction; returns how many were new.</summary>
    public Task<int> AppendAsync(SqliteConnection connection, SqliteTransaction tx, IEnumerable<LedgerEvent> events,
        CancellationToken cancellationToken) => AppendAsync(connection, tx, "events", events, cancellationToken);

    /// <summary>Into <paramref name="table"/>: the events table, or a table of its columns that stages events (<see cref="MailFactsStage"/>).</summary>
    internal async Task<int> AppendAsync(SqliteConnection connection, SqliteTransaction tx, string table, IEnumerable<LedgerEvent> events,
        CancellationToken cancellationToken)
    {
        await using var insert = PreparedCommand.Create(connection, tx, string.Format(CultureInfo.InvariantCulture, Insert, table),
            "$at", "$recorded", "$kind", "$message_id", "$target", "$data");
        var p = insert.Parameters;
        p[1].Value = Time(time.GetUtcNow());
        int added = 0;
        foreach (var e in events)
        {
            p[0].Value = Time(e.At);
            p[2].Value = e.Kind;
            p[3].Value = e.MessageId;
            p[4].Value = e.Target;
            p[5].Value = e.Data;
            added += await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        return added;
    }

    public async Task<int> AppendAsync(IEnumerable<LedgerEvent> events, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken);
        var n = await AppendAsync(c, tx, events, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return n;
    }

    /// <summary>
    /// The facts of these kinds, oldest first, each with its JSON as the UTF-8 bytes SQLite keeps (a rebuild
    /// reads every one, and deserializing from bytes skips making a UTF-16 string of each first), in chunks of
    /// at most <paramref name="chunk"/>: a caller that is done with a chunk before asking for the next holds
    /// one chunk of JSON, not the whole ledger's.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<StoredFact>> FactsOfKindsAsync(IReadOnlyList<string> kinds, int chunk,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectPlainAsync(cancellationToken);
        await using var query = KindsQuery(c, "SELECT id, kind, message_id, target, at, data FROM events WHERE kind IN ({0}) ORDER BY at, id", kinds);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        var facts = new List<StoredFact>(chunk);
        while (await reader.ReadAsync(cancellationToken))
        {
            facts.Add(Fact(reader, kinds));
            if (facts.Count == chunk)
            {
                yield return facts;
                facts = new List<StoredFact>(chunk);
            }
        }
        if (facts.Count > 0)
            yield return facts;
    }

    /// <summary>
    /// The facts with these ids (of these kinds), in the order <see cref="FactsOfKindsAsync"/> gives them: a grouped
    /// rebuild reads one batch of groups at a time. The ids go in as one JSON array.
    /// </summary>
    public async Task<IReadOnlyList<StoredFact>> FactsOfIdsAsync(IReadOnlyList<string> kinds, IReadOnlyList<long> ids,
        CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectPlainAsync(cancellationToken);
        await using var query = c.CreateCommand();
        query.CommandText = "SELECT id, kind, message_id, target, at, data FROM events WHERE id IN (SELECT value FROM json_each($ids)) ORDER BY at, id";
        query.Parameters.AddWithValue("$ids", "[" + string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]");
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        var facts = new List<StoredFact>(ids.Count);
        while (await reader.ReadAsync(cancellationToken))
            facts.Add(Fact(reader, kinds));
        return facts;
    }

    /// <summary>A row of <c>SELECT id, kind, message_id, target, at, data FROM events</c>.</summary>
    static StoredFact Fact(SqliteDataReader reader, IReadOnlyList<string> kinds) =>
        new(reader.GetInt64(0), Kind(reader.GetString(1), kinds), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.GetFieldValue<byte[]>(5));

    /// <summary>How many events of these kinds there are.</summary>
    public async Task<long> CountOfKindsAsync(IReadOnlyList<string> kinds, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectPlainAsync(cancellationToken);
        await using var query = KindsQuery(c, "SELECT count(*) FROM events WHERE kind IN ({0})", kinds);
        return (long)(await query.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>How many events of these kinds have an id above <paramref name="after"/> and up to <paramref name="through"/>.</summary>
    public async Task<long> CountOfKindsAsync(IReadOnlyList<string> kinds, long after, long through, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectPlainAsync(cancellationToken);
        await using var query = KindsQuery(c, "SELECT count(*) FROM events WHERE id > $after AND id <= $through AND kind IN ({0})", kinds);
        query.Parameters.AddWithValue("$after", after);
        query.Parameters.AddWithValue("$through", through);
        return (long)(await query.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The caller's own string for a kind, so thousands of rows share a few instances.</summary>
    static string Kind(string read, IReadOnlyList<string> kinds)
    {
        foreach (var k in kinds)
            if (k == read)
                return k;
        return read;
    }

    /// <summary>The id of the newest event of any kind (0 when there is none): a cheap look at whether anything was appended.</summary>
    public async Task<long> MaxIdAsync(CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectPlainAsync(cancellationToken);
        await using var query = c.CreateCommand();
        query.CommandText = "SELECT coalesce(max(id), 0) FROM events";
        return (long)(await query.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The id of the newest event of these kinds (0 when there is none).</summary>
    public async Task<long> LastIdAsync(IReadOnlyList<string> kinds, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectPlainAsync(cancellationToken);
        await using var query = KindsQuery(c, "SELECT coalesce(max(id), 0) FROM events WHERE kind IN ({0})", kinds);
        return (long)(await query.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>A query over events of these kinds, one parameter per kind in <c>IN ({0})</c>.</summary>
    static SqliteCommand KindsQuery(SqliteConnection c, string sql, IReadOnlyList<string> kinds)
    {
        var query = c.CreateCommand();
        var names = new string[kinds.Count];
        for (int i = 0; i < kinds.Count; i++)
        {
            names[i] = "$k" + i.ToString(CultureInfo.InvariantCulture);
            query.Parameters.AddWithValue(names[i], kinds[i]);
        }
        query.CommandText = string.Format(CultureInfo.InvariantCulture, sql, string.Join(", ", names));
        return query;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM events", cancellationToken: cancellationToken));
    }

    /// <summary>Where `reindex` puts the facts it reads from the mail again, until they replace the old ones at once.</summary>
    public Task<MailFactsStage> StageMailFactsAsync(CancellationToken cancellationToken) => MailFactsStage.BeginAsync(ledger, this, cancellationToken);
}
