using System.Reflection;
using Microsoft.Data.Sqlite;

namespace ReviewQueue.Storage;

/// <summary>Versioned schema changes, embedded as NNNN_name.sql and applied in order, each once.</summary>
public static class Migrations
{
    public sealed record Script(int Version, string Name, string Sql);

    public static IReadOnlyList<Script> All { get; } = Load();

    public static int Apply(SqliteConnection connection)
    {
        // Plain ADO.NET throughout: every command opens the ledger, and Dapper's parameter binder for the INSERT below
        // was code emitted at the start of each command on a new ledger.
        var done = Versions(connection);
        if (AllApplied(done))
            return 0;
        if (done is null)
        {
            Run(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY,
                    name    TEXT NOT NULL,
                    applied TEXT NOT NULL
                )
                """);
            done = Versions(connection) ?? [];
        }
        int applied = 0;
        foreach (var script in All.Where(s => !done.Contains(s.Version)))
        {
            // BEGIN IMMEDIATE: the write lock first, then the look. Two programs starting on a new (or newly
            // upgraded) ledger at once both saw the script missing; the second now finds it applied and goes on.
            using var tx = connection.BeginTransaction(deferred: false);
            if (IsApplied(connection, tx, script.Version))
                continue;
            Run(connection, tx, script.Sql);
            using (var record = connection.CreateCommand())
            {
                record.Transaction = tx;
                record.CommandText = "INSERT INTO schema_migrations(version, name, applied) VALUES ($version, $name, $applied)";
                record.Parameters.AddWithValue("$version", script.Version);
                record.Parameters.AddWithValue("$name", script.Name);
                record.Parameters.AddWithValue("$applied", DateTimeOffset.UtcNow.ToString("O"));
                record.ExecuteNonQuery();
            }
            tx.Commit();
            applied++;
        }
        return applied;
    }

    static void Run(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    static bool IsApplied(SqliteConnection connection, SqliteTransaction tx, int version)
    {
        // Plain ADO.NET: Dapper would compile a parameter binder for this one look at every new ledger.
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT count(*) FROM schema_migrations WHERE version = $version";
        command.Parameters.AddWithValue("$version", version);
        return (long)command.ExecuteScalar()! > 0;
    }

    /// <summary>
    /// Whether every embedded migration is recorded as applied: reads only, so it works on a read-only connection
    /// (plain ADO.NET: a command that only reads starts without Dapper's code generation).
    /// </summary>
    /// <exception cref="LedgerTooNewException">The ledger records a migration this program does not have (a downgrade).</exception>
    public static bool IsCurrent(SqliteConnection connection) => AllApplied(Versions(connection));

    static bool AllApplied(HashSet<long>? done) => done is not null && All.All(s => done.Contains(s.Version));

    /// <summary>The versions recorded as applied; null when there is no schema_migrations table yet (a new ledger).</summary>
    /// <exception cref="LedgerTooNewException">The ledger records a migration this program does not have (a downgrade).</exception>
    static HashSet<long>? Versions(SqliteConnection connection)
    {
        // Asked first rather than caught: a new ledger's failed SELECT was the process's first exception, which the
        // runtime pays dearly for (stack trace machinery) at the start of every command on a new ledger.
        using (var exists = connection.CreateCommand())
        {
            exists.CommandText = "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations')";
            if ((long)exists.ExecuteScalar()! == 0)
                return null;
        }
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, name FROM schema_migrations ORDER BY version";
        var done = new HashSet<long>();
        var unknown = new List<string>();
        using (var reader = command.ExecuteReader())
            while (reader.Read())
            {
                var version = reader.GetInt64(0);
                done.Add(version);
                if (!All.Any(s => s.Version == version))
                    unknown.Add($"{version:0000}_{reader.GetString(1)}");
            }
        // Before anything is written: an older program would otherwise go on as if the ledger were its own.
        if (unknown.Count > 0)
            throw new LedgerTooNewException(unknown, All[^1].Version);
        return done;
    }

    static List<Script> Load()
    {
        var assembly = typeof(Migrations).Assembly;
        var scripts = new List<Script>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            // ReviewQueue.Storage.Migrations.0001_messages.sql
            var file = resource["ReviewQueue.Storage.Migrations.".Length..];
            var underscore = file.IndexOf('_');
            if (underscore <= 0 || !int.TryParse(file[..underscore], out var version))
                throw new InvalidOperationException($"migration resource {resource} is not named NNNN_name.sql");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new Script(version, file[(underscore + 1)..^4], reader.ReadToEnd()));
        }
        var sorted = scripts.OrderBy(s => s.Version).ToList();
        var duplicate = sorted.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"two migrations have version {duplicate.Key}");
        return sorted;
    }
}
