using Microsoft.Data.Sqlite;

namespace ReviewQueue.Storage;

/// <summary>A waiting series in one section, before it is ranked: the keys of its rank (fixes first, then oldest, then id) and its JSON.</summary>
public sealed record StagedWaiting(string Subsystem, bool HasFixes, DateTimeOffset FirstPosted, string TopicId, string Data);

/// <summary>
/// The waiting series of one debt refresh, staged as the topics come in a temporary table of its own connection
/// (a file SQLite keeps aside, locking nothing in the ledger), then ranked per section by SQLite when the refresh is
/// stored (<see cref="DebtStore.ReplaceAsync"/>):
/// a ledger with tens of thousands of waiting series never holds them in memory.
/// </summary>
public sealed class DebtWaitingStage : IAsyncDisposable
{
    const string Create = """
        DROP TABLE IF EXISTS temp.debt_waiting_next;
        CREATE TEMP TABLE debt_waiting_next (subsystem TEXT NOT NULL, fixes INTEGER NOT NULL, posted INTEGER NOT NULL, topic_id TEXT NOT NULL, data TEXT NOT NULL);
        """;

    const string Insert = "INSERT INTO temp.debt_waiting_next(subsystem, fixes, posted, topic_id, data) VALUES ($subsystem, $fixes, $posted, $topic_id, $data)";

    /// <summary>ReviewDebt.FixesThenOldest, per section: series with unreviewed fixes first, then the oldest, then by id.</summary>
    internal const string Ranked = """
        INSERT INTO main.debt_waiting(subsystem, rank, topic_id, data)
        SELECT subsystem, row_number() OVER (PARTITION BY subsystem ORDER BY fixes DESC, posted, topic_id), topic_id, data
        FROM temp.debt_waiting_next
        """;

    internal SqliteConnection Connection { get; }

    DebtWaitingStage(SqliteConnection connection) => Connection = connection;

    public static async Task<DebtWaitingStage> OpenAsync(Ledger ledger, CancellationToken cancellationToken)
    {
        var c = await ledger.ConnectAsync(cancellationToken);
        await using var create = c.CreateCommand();
        create.CommandText = Create;
        await create.ExecuteNonQueryAsync(cancellationToken);
        return new DebtWaitingStage(c);
    }

    /// <summary>Stages some waiting series, in one transaction.</summary>
    public async Task AddAsync(IEnumerable<StagedWaiting> rows, CancellationToken cancellationToken)
    {
        // Deferred: writing only its temporary table, it takes no lock on the ledger.
        await using var tx = Connection.BeginTransaction(deferred: true);
        await using var insert = PreparedCommand.Create(Connection, tx, Insert, "$subsystem", "$fixes", "$posted", "$topic_id", "$data");
        var p = insert.Parameters;
        foreach (var row in rows)
        {
            p[0].Value = row.Subsystem;
            p[1].Value = row.HasFixes ? 1 : 0;
            p[2].Value = row.FirstPosted.UtcTicks;
            p[3].Value = row.TopicId;
            p[4].Value = row.Data;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>The connection goes back to the pool: its temporary table must not stay with it.</summary>
    public async ValueTask DisposeAsync()
    {
        await using (var drop = Connection.CreateCommand())
        {
            drop.CommandText = "DROP TABLE IF EXISTS temp.debt_waiting_next";
            await drop.ExecuteNonQueryAsync();
        }
        await Connection.DisposeAsync();
    }
}
