using Dapper;
using Microsoft.Data.Sqlite;

namespace ReviewQueue.Storage;

/// <summary>
/// Rows a connection has inserted, updated or deleted so far (SQLite's total_changes()): a writer that writes only
/// what differs reads it before and after, and says how much it wrote.
/// </summary>
static class Changes
{
    public static Task<long> TotalAsync(SqliteConnection connection, SqliteTransaction tx, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT total_changes()", transaction: tx, cancellationToken: cancellationToken));
}
