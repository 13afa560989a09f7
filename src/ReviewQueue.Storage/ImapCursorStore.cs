using Dapper;
using Microsoft.Data.Sqlite;

namespace ReviewQueue.Storage;

/// <summary>Where an IMAP folder's import stands: its UIDVALIDITY and the last UID stored.</summary>
public sealed record ImapCursor(string Account, string Folder, long UidValidity, long LastUid);

/// <summary>Reads IMAP cursors; writes them inside the transaction that stores the messages they pass (or on their own past mail stored already).</summary>
public sealed class ImapCursorStore(Ledger ledger)
{
    public async Task<ImapCursor?> GetAsync(string account, string folder, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        return await c.QuerySingleOrDefaultAsync<ImapCursor>(new CommandDefinition(
            "SELECT account, folder, uidvalidity AS UidValidity, last_uid AS LastUid FROM imap_folders WHERE account = @account AND folder = @folder",
            new { account, folder }, cancellationToken: cancellationToken));
    }

    public static Task SaveAsync(SqliteConnection connection, SqliteTransaction transaction, ImapCursor cursor, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO imap_folders(account, folder, uidvalidity, last_uid, updated)
            VALUES (@Account, @Folder, @UidValidity, @LastUid, @now)
            ON CONFLICT(account, folder) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid, updated = excluded.updated
            """, new { cursor.Account, cursor.Folder, cursor.UidValidity, cursor.LastUid, now }, transaction, cancellationToken: cancellationToken));

    /// <summary>A folder whose UIDVALIDITY changed starts again from UID 0 (stored messages stay; Message-ID dedupes).</summary>
    public Task ResetAsync(ImapCursor cursor, DateTimeOffset now, CancellationToken cancellationToken) => SaveAsync(cursor, now, cancellationToken);

    /// <summary>
    /// Moves the cursor on its own, past messages the ledger holds already (stored in an earlier transaction): the one case
    /// where no new message is stored with it.
    /// </summary>
    public async Task SaveAsync(ImapCursor cursor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken);
        await SaveAsync(c, tx, cursor, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }
}
