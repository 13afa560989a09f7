using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace ReviewQueue.Storage;

/// <summary>The SQLite file that holds the ledger. Opens connections in WAL mode with the schema applied.</summary>
public sealed class Ledger
{
    public string Path { get; }
    /// <summary>Opened by <see cref="OpenForReading"/>: connections cannot write.</summary>
    public bool ReadOnly { get; }
    readonly string connectionString;
    readonly string pragmas;

    /// <param name="busyTimeout">How long a write waits for another writer before failing (SQLITE_BUSY).</param>
    public Ledger(string path, TimeSpan? busyTimeout = null) : this(path, busyTimeout, readOnly: false)
    {
    }

    Ledger(string path, TimeSpan? busyTimeout, bool readOnly)
    {
        var wait = busyTimeout ?? TimeSpan.FromSeconds(30);
        Path = System.IO.Path.GetFullPath(path);
        ReadOnly = readOnly;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)),
        }.ToString();
        var busy = $"PRAGMA busy_timeout={(long)wait.TotalMilliseconds};";
        // A reader cannot switch the journal mode; the writers already put the file in WAL mode.
        pragmas = readOnly ? busy : $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; {busy}";
    }

    /// <summary>
    /// For commands that only read: the existing file, read-only, after one look at which migrations
    /// it has. Null when the file is missing or its schema is not current: then <see cref="Open"/>
    /// (which creates and migrates) is the way in.
    /// </summary>
    public static Ledger? OpenForReading(string path, TimeSpan? busyTimeout = null)
    {
        // An empty file holds no schema yet. And a named pipe given as the ledger (its length is 0 too) would keep a
        // read-only open waiting for a writer for good; the read-write open refuses it at once.
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
            return null;
        var ledger = new Ledger(path, busyTimeout, readOnly: true);
        using var connection = ledger.ConnectPlain();
        return Migrations.IsCurrent(connection) ? ledger : null;
    }

    /// <summary>
    /// Loads what every first connection needs (SQLite's native library, the embedded migrations), so a
    /// one-shot command can do it on another core while it reads its configuration.
    /// </summary>
    public static void LoadSqlite()
    {
        RuntimeHelpers.RunClassConstructor(typeof(SqliteConnection).TypeHandle);
        _ = Migrations.All;
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

    /// <summary>A connection for Dapper (its type handlers registered) or plain ADO.NET.</summary>
    public SqliteConnection Connect()
    {
        TypeHandlers.Register();
        return ConnectPlain();
    }

    public Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        TypeHandlers.Register();
        return ConnectPlainAsync(cancellationToken);
    }

    // For reads written in plain ADO.NET: Dapper's first use (its type maps load System.Xml)
    // costs a one-shot command like `backlog --json` more than its one read.
    internal SqliteConnection ConnectPlain()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
        return connection;
    }

    internal async Task<SqliteConnection> ConnectPlainAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
