using Dapper;
using Microsoft.Data.Sqlite;

namespace ReviewQueue.Storage;

/// <summary>
/// The facts `reindex` reads from the stored mail again, kept in a temporary table of one connection until
/// <see cref="SwapAsync"/> puts them in place of the old ones in one short transaction. A reindex stopped on the way
/// (Ctrl-C, a kill, run stopped while it reads the ledger again at start) leaves the old facts whole, where deleting them
/// first left a ledger without its mail's facts, and so without topics, that nothing said needed a reindex; and a
/// rebuild meanwhile (a service's, an import's) reads the old facts whole, not half of the new ones.
/// </summary>
public sealed class MailFactsStage : IAsyncDisposable
{
    const string Table = "temp.reindexed_facts";

    readonly SqliteConnection connection;
    readonly EventStore events;
    readonly long through;

    MailFactsStage(SqliteConnection connection, EventStore events, long through)
    {
        this.connection = connection;
        this.events = events;
        this.through = through;
    }

    internal static async Task<MailFactsStage> BeginAsync(Ledger ledger, EventStore events, CancellationToken cancellationToken)
    {
        // The facts stored after this (mail an import brings while the reindex reads) were read by this program's rules: they stay.
        long through = await events.MaxIdAsync(cancellationToken);
        var connection = await ledger.ConnectAsync(cancellationToken);
        try
        {
            // A pooled connection keeps its temporary tables: one left by a stage that could not drop it goes first.
            await connection.ExecuteAsync(new CommandDefinition($"""
                DROP TABLE IF EXISTS {Table};
                CREATE TABLE {Table} (at TEXT NOT NULL, recorded TEXT NOT NULL, kind TEXT NOT NULL, message_id TEXT NOT NULL,
                    target TEXT NOT NULL, data TEXT NOT NULL, UNIQUE (kind, message_id, target));
                """, cancellationToken: cancellationToken));
            return new MailFactsStage(connection, events, through);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Facts read from one batch of mail (the first of two facts with one key stays, as in the events table).</summary>
    public async Task AddAsync(IEnumerable<LedgerEvent> facts, CancellationToken cancellationToken)
    {
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await events.AppendAsync(connection, tx, Table, facts, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>The old mail facts out and the staged ones in, in one transaction; returns how many are in now.</summary>
    public async Task<int> SwapAsync(CancellationToken cancellationToken)
    {
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM events WHERE kind IN @kinds AND id <= @through",
            new { kinds = LedgerEvent.FromMail, through }, tx, cancellationToken: cancellationToken));
        // "WHERE true": SQLite's grammar needs it between a SELECT and its upsert clause.
        int added = await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO events(at, recorded, kind, message_id, target, data)
            SELECT at, recorded, kind, message_id, target, data FROM {Table} WHERE true ORDER BY rowid
            ON CONFLICT(kind, message_id, target) DO NOTHING
            """, transaction: tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return added;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await connection.ExecuteAsync($"DROP TABLE IF EXISTS {Table}");
        }
        catch (SqliteException)
        {
            // A connection that failed keeps it; BeginAsync drops it before the next use.
        }
        await connection.DisposeAsync();
    }
}
