using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ReviewQueue.Storage;

/// <summary>Stores messages by Message-ID, each exactly once, in one transaction per batch.</summary>
public sealed class MessageStore(Ledger ledger)
{
    const string InsertMessage = """
        INSERT INTO messages(message_id, synthetic, list_id, subject, from_name, from_email, date, arrived, source, raw_size, raw, kind, parsed)
        VALUES ($message_id, $synthetic, $list_id, $subject, $from_name, $from_email, $date, $arrived, $source, $raw_size, $raw, $kind, $parsed)
        ON CONFLICT(message_id) DO NOTHING
        """;

    const string InsertRejected = """
        INSERT INTO rejected(sha256, source, arrived, reasons, raw_size, raw)
        VALUES ($sha256, $source, $arrived, $reasons, $raw_size, $raw)
        ON CONFLICT(sha256) DO NOTHING
        """;

    /// <summary>
    /// Stores one batch atomically. <paramref name="alsoInTransaction"/> runs inside the same
    /// transaction (the IMAP worker records its last UID there), so both commit or neither does. It is told, for each
    /// of <paramref name="messages"/>, whether it was stored: false for one whose Message-ID the ledger (or the batch)
    /// already holds, whose facts are not the ledger's.
    /// One prepared statement per table serves the whole batch (per-row Dapper calls cost more than the insert).
    /// </summary>
    public async Task<BatchOutcome> StoreAsync(IReadOnlyList<NewMessage> messages, IReadOnlyList<NewRejected> rejected,
        Func<SqliteConnection, SqliteTransaction, IReadOnlyList<bool>, Task>? alsoInTransaction, CancellationToken cancellationToken)
    {
        await using var connection = await ledger.ConnectAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        int stored = 0, kept = 0;
        var isStored = new bool[messages.Count];
        if (messages.Count > 0)
        {
            await using var insert = PreparedCommand.Create(connection, tx, InsertMessage, "$message_id", "$synthetic", "$list_id", "$subject",
                "$from_name", "$from_email", "$date", "$arrived", "$source", "$raw_size", "$raw", "$kind", "$parsed");
            var p = insert.Parameters;
            for (int i = 0; i < messages.Count; i++)
            {
                var m = messages[i];
                p[0].Value = m.MessageId;
                p[1].Value = m.Synthetic ? 1 : 0;
                p[2].Value = (object?)m.ListId ?? DBNull.Value;
                p[3].Value = (object?)m.Subject ?? DBNull.Value;
                p[4].Value = (object?)m.FromName ?? DBNull.Value;
                p[5].Value = (object?)m.FromEmail ?? DBNull.Value;
                p[6].Value = (object?)m.Date?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) ?? DBNull.Value;
                p[7].Value = m.Arrived.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
                p[8].Value = m.Source;
                p[9].Value = m.Raw.Length;
                p[10].Value = m.Packed ?? Compression.Pack(m.Raw);
                p[11].Value = (object?)m.Kind ?? DBNull.Value;
                p[12].Value = (object?)m.Parsed ?? DBNull.Value;
                isStored[i] = await insert.ExecuteNonQueryAsync(cancellationToken) > 0;
                stored += isStored[i] ? 1 : 0;
            }
        }
        if (rejected.Count > 0)
        {
            await using var insert = PreparedCommand.Create(connection, tx, InsertRejected, "$sha256", "$source", "$arrived", "$reasons", "$raw_size", "$raw");
            var p = insert.Parameters;
            foreach (var r in rejected)
            {
                p[0].Value = r.Sha256;
                p[1].Value = r.Source;
                p[2].Value = r.Arrived.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
                p[3].Value = r.Reasons;
                p[4].Value = r.Raw.Length;
                p[5].Value = Compression.Pack(r.Raw);
                kept += await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        if (alsoInTransaction is not null)
            await alsoInTransaction(connection, tx, isStored);
        await tx.CommitAsync(cancellationToken);
        return new BatchOutcome(stored, messages.Count - stored, rejected.Count, rejected.Count - kept);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ledger.ConnectAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM messages", cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<StoredMessage>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ledger.ConnectAsync(cancellationToken);
        // Mapped by hand: SQLite gives synthetic back as a long, and a positional record maps only exact types.
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition("""
            SELECT id, message_id, synthetic, list_id, subject, from_name, from_email, date, arrived, source, raw_size, kind
            FROM messages ORDER BY id
            """, cancellationToken: cancellationToken));
        var rows = new List<StoredMessage>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new StoredMessage(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2) != 0, reader.TextOrNull(3), reader.TextOrNull(4),
                reader.TextOrNull(5), reader.TextOrNull(6), reader.TextOrNull(7), reader.GetString(8), reader.GetString(9), reader.GetInt64(10), reader.TextOrNull(11)));
        return rows;
    }

    /// <summary>
    /// Which of these Message-IDs the ledger holds: a mail stored under one of them again would be a duplicate.
    /// </summary>
    public async Task<IReadOnlySet<string>> HeldAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        if (messageIds.Count == 0)
            return new HashSet<string>();
        await using var connection = await ledger.ConnectAsync(cancellationToken);
        var held = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT message_id FROM messages WHERE message_id IN @messageIds", new { messageIds },
            cancellationToken: cancellationToken));
        return held.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The raw bytes as they arrived, or null when no such message is stored.</summary>
    public async Task<byte[]?> RawAsync(string messageId, CancellationToken cancellationToken)
    {
        await using var connection = await ledger.ConnectAsync(cancellationToken);
        var packed = await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "SELECT raw FROM messages WHERE message_id = @messageId", new { messageId }, cancellationToken: cancellationToken));
        return packed is null ? null : Compression.Unpack(packed);
    }

    /// <summary>
    /// Every stored message in arrival order, for rebuilding derived state, with its raw bytes and when it arrived: a mail without a readable Date is dated by its
    /// arrival, so reading it again needs the arrival the import read it with.
    /// </summary>
    public async IAsyncEnumerable<(long Id, string MessageId, byte[] Raw, DateTimeOffset? Arrived)> AllRawAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await ledger.ConnectAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            "SELECT id, message_id, raw, arrived FROM messages ORDER BY id", cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
            yield return (reader.GetInt64(0), reader.GetString(1), Compression.Unpack((byte[])reader[2]),
                DateTimeOffset.TryParse(reader.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.None, out var arrived) ? arrived : null);
    }

    /// <summary>
    /// An arrival as the ledger keeps it, to the millisecond: the import reads a mail with the arrival it stores, so
    /// `reindex` reading the stored one later dates an undated mail to the same instant.
    /// </summary>
    public static DateTimeOffset AsStored(DateTimeOffset arrived) =>
        new(arrived.Ticks - arrived.Ticks % TimeSpan.TicksPerMillisecond, arrived.Offset);

    public async Task<IReadOnlyList<RejectedMessage>> RejectedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ledger.ConnectAsync(cancellationToken);
        var rows = await connection.QueryAsync<RejectedMessage>(new CommandDefinition(
            "SELECT id, sha256, source, arrived, reasons, raw_size AS RawSize FROM rejected ORDER BY id",
            cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
