using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ReviewQueue.Storage;

/// <summary>The SQLite file that holds the ledger. Opens connections in WAL mode with the schema applied.</summary>
public sealed class Ledger
{
    public string Path { get; }
    readonly string connectionString;
    readonly string pragmas;

    static Ledger() => TypeHandlers.Register();

    /// <param name="busyTimeout">How long a write waits for another writer before failing (SQLITE_BUSY).</param>
    public Ledger(string path, TimeSpan? busyTimeout = null)
    {
        var wait = busyTimeout ?? TimeSpan.FromSeconds(30);
        Path = System.IO.Path.GetFullPath(path);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)),
        }.ToString();
        pragmas = $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={(long)wait.TotalMilliseconds};";
    }

    /// <summary>Creates the file and its folder if needed and applies pending migrations.</summary>
    public static Ledger Open(string path, TimeSpan? busyTimeout = null)
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir))
            Directory.CreateDirectory(dir);
        var ledger = new Ledger(path, busyTimeout);
        using var connection = ledger.Connect();
        Migrations.Apply(connection);
        return ledger;
    }

    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        connection.Execute(pragmas);
        return connection;
    }

    public async Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(pragmas, cancellationToken: cancellationToken));
        return connection;
    }
}
