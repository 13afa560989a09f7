using Microsoft.Data.Sqlite;

namespace ReviewQueue.Storage;

/// <summary>
/// One statement prepared once with named parameters, to run for every row of a batch: per-row Dapper
/// calls parse the SQL and build parameters again each time, which costs more than the insert.
/// </summary>
static class PreparedCommand
{
    public static SqliteCommand Create(SqliteConnection connection, SqliteTransaction tx, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var name in names)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }
}
