using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ReviewQueue.Storage;

/// <summary>The append-only events table.</summary>
public sealed class EventStore(Ledger ledger, TimeProvider time)
{
    const string Insert = """
        INSERT INTO events(at, recorded, kind, message_id, target, data)
        VALUES ($at, $recorded, $kind, $message_id, $target, $data)
        ON CONFLICT(kind, message_id, target) DO NOTHING
        """;

    public static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Appends within the caller's transaction; returns how many were new.</summary>
    public async Task<int> AppendAsync(SqliteConnection connection, SqliteTransaction tx, IEnumerable<LedgerEvent> events,
        CancellationToken cancellationToken)
    {
        await using var insert = PreparedCommand.Create(connection, tx, Insert, "$at", "$recorded", "$kind", "$message_id", "$target", "$data");
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

    /// <summary>The data of every event of these kinds, oldest first.</summary>
    public async Task<IReadOnlyList<(string Kind, string MessageId, string Target, string At, string Data)>> OfKindsAsync(
        IReadOnlyList<string> kinds, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        var rows = await c.QueryAsync<(string, string, string, string, string)>(new CommandDefinition(
            "SELECT kind, message_id, target, at, data FROM events WHERE kind IN @kinds ORDER BY at, id",
            new { kinds }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>The id of the newest event of these kinds (0 when there is none).</summary>
    public async Task<long> LastIdAsync(IReadOnlyList<string> kinds, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT coalesce(max(id), 0) FROM events WHERE kind IN @kinds", new { kinds }, cancellationToken: cancellationToken));
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM events", cancellationToken: cancellationToken));
    }

    /// <summary>Removes the facts read from mail so reindex can read them again; everything else stays.</summary>
    public static Task ForgetMailFactsAsync(SqliteConnection c, SqliteTransaction tx, CancellationToken cancellationToken) =>
        c.ExecuteAsync(new CommandDefinition("DELETE FROM events WHERE kind IN @kinds", new { kinds = LedgerEvent.FromMail }, tx,
            cancellationToken: cancellationToken));
}
