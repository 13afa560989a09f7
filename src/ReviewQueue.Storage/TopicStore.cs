using Dapper;
using Microsoft.Data.Sqlite;

namespace ReviewQueue.Storage;

/// <summary>Topics as last assembled: replaced as a whole, read by the CLI, the API and the dashboard.</summary>
public sealed class TopicStore(Ledger ledger)
{
    const string InsertTopic = """
        INSERT INTO temp.topics_next(id, title, author_name, author_email, first_posted, last_activity, state, current_version, patches, reviewed, data)
        VALUES ($id, $title, $author_name, $author_email, $first_posted, $last_activity, $state, $current_version, $patches, $reviewed, $data)
        """;

    const string InsertMessage = "INSERT INTO temp.topic_messages_next(message_id, topic_id) VALUES ($id, $topic) ON CONFLICT(message_id) DO NOTHING";

    const string Stage = """
        DROP TABLE IF EXISTS temp.topics_next;
        DROP TABLE IF EXISTS temp.topic_messages_next;
        CREATE TEMP TABLE topics_next AS SELECT * FROM main.topics WHERE 0;
        CREATE UNIQUE INDEX temp.topics_next_id ON topics_next(id);
        CREATE TEMP TABLE topic_messages_next (message_id TEXT PRIMARY KEY, topic_id TEXT NOT NULL);
        """;

    /// <summary>
    /// Only what changed is written: a rebuild after a little new mail (an IMAP sync, a tree sync) rewrites the few
    /// topics it touched, not every row, so the swap's transaction is short and the WAL does not take the whole table
    /// again. A row the same in every column is left alone (the WHERE of DO UPDATE).
    /// </summary>
    const string Swap = """
        DELETE FROM main.topics WHERE id NOT IN (SELECT id FROM temp.topics_next);
        INSERT INTO main.topics SELECT * FROM temp.topics_next WHERE true
        ON CONFLICT(id) DO UPDATE SET title = excluded.title, author_name = excluded.author_name,
            author_email = excluded.author_email, first_posted = excluded.first_posted, last_activity = excluded.last_activity,
            state = excluded.state, current_version = excluded.current_version, patches = excluded.patches,
            reviewed = excluded.reviewed, data = excluded.data
        WHERE title IS NOT excluded.title OR author_name IS NOT excluded.author_name OR author_email IS NOT excluded.author_email
            OR first_posted IS NOT excluded.first_posted OR last_activity IS NOT excluded.last_activity OR state IS NOT excluded.state
            OR current_version IS NOT excluded.current_version OR patches IS NOT excluded.patches
            OR reviewed IS NOT excluded.reviewed OR data IS NOT excluded.data;
        DELETE FROM main.topic_messages WHERE message_id NOT IN (SELECT message_id FROM temp.topic_messages_next);
        INSERT INTO main.topic_messages SELECT * FROM temp.topic_messages_next WHERE true
        ON CONFLICT(message_id) DO UPDATE SET topic_id = excluded.topic_id WHERE topic_id IS NOT excluded.topic_id;
        """;

    const string Unstage = "DROP TABLE IF EXISTS temp.topics_next; DROP TABLE IF EXISTS temp.topic_messages_next;";

    /// <summary>
    /// Every topic again, through two statements prepared once (thousands of rows per rebuild). Each row is
    /// written before the next is asked for, so rows made as they are enumerated need not all be held at once,
    /// and a rebuild may take its time making them: they are staged in the connection's own temporary tables,
    /// which lock nothing in the ledger, then swapped in with one short transaction that writes only the rows that
    /// differ. Readers see the old topics until then; a rebuild that fails part way leaves them as they were.
    /// </summary>
    /// <returns>The rows of topics and topic_messages the swap inserted, changed or deleted.</returns>
    public async Task<long> ReplaceAllAsync(IEnumerable<TopicRow> topics, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectPlainAsync(cancellationToken);
        try
        {
            await c.ExecuteAsync(new CommandDefinition(Stage, cancellationToken: cancellationToken));
            await StageAsync(c, topics, cancellationToken);
            await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken);
            long before = await Changes.TotalAsync(c, tx, cancellationToken);
            await c.ExecuteAsync(new CommandDefinition(Swap, transaction: tx, cancellationToken: cancellationToken));
            long changed = await Changes.TotalAsync(c, tx, cancellationToken) - before;
            await tx.CommitAsync(cancellationToken);
            return changed;
        }
        finally
        {
            // The connection goes back to the pool: its temporary tables must not stay with it.
            await c.ExecuteAsync(Unstage);
        }
    }

    static async Task StageAsync(SqliteConnection c, IEnumerable<TopicRow> topics, CancellationToken cancellationToken)
    {
        // Deferred: writing only temporary tables, it takes no lock on the ledger (BEGIN IMMEDIATE would, for all of it).
        await using var tx = c.BeginTransaction(deferred: true);
        await using var topic = PreparedCommand.Create(c, tx, InsertTopic, "$id", "$title", "$author_name", "$author_email",
            "$first_posted", "$last_activity", "$state", "$current_version", "$patches", "$reviewed", "$data");
        await using var message = PreparedCommand.Create(c, tx, InsertMessage, "$id", "$topic");
        var p = topic.Parameters;
        var m = message.Parameters;
        foreach (var t in topics)
        {
            p[0].Value = t.Id;
            p[1].Value = t.Title;
            p[2].Value = (object?)t.AuthorName ?? DBNull.Value;
            p[3].Value = (object?)t.AuthorEmail ?? DBNull.Value;
            p[4].Value = EventStore.Time(t.FirstPosted);
            p[5].Value = EventStore.Time(t.LastActivity);
            p[6].Value = t.State;
            p[7].Value = t.CurrentVersion;
            p[8].Value = t.Patches;
            p[9].Value = t.Reviewed;
            p[10].Value = t.Data;
            await topic.ExecuteNonQueryAsync(cancellationToken);
            m[1].Value = t.Id;
            foreach (var id in t.MessageIds)
            {
                m[0].Value = id;
                await message.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Topics in <paramref name="state"/> (any when null) with activity since <paramref name="activeSince"/>; without
    /// <paramref name="backports"/>, not those whose newest revision is a stable backport (its subject names a stable tree).
    /// </summary>
    public async Task<IReadOnlyList<TopicSummary>> ListAsync(string? state, DateTimeOffset? activeSince, bool backports,
        CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        // Mapped by hand: a NULL from json_extract has no declared type, which Dapper's record mapping takes for a blob.
        await using var reader = await c.ExecuteReaderAsync(new CommandDefinition("""
            SELECT id, title, author_name, author_email, first_posted, last_activity, state, current_version, patches, reviewed, stable_tree
            FROM (SELECT *, json_extract(data, '$.revisions[#-1].stable_tree') AS stable_tree FROM topics)
            WHERE (@state IS NULL OR state = @state) AND (@since IS NULL OR last_activity >= @since)
              AND (@backports OR stable_tree IS NULL)
            ORDER BY first_posted, id
            """, new { state, since = activeSince is null ? null : EventStore.Time(activeSince.Value), backports },
            cancellationToken: cancellationToken));
        var rows = new List<TopicSummary>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new TopicSummary(reader.GetString(0), reader.GetString(1), reader.TextOrNull(2), reader.TextOrNull(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.TextOrNull(10)));
        return rows;
    }

    /// <summary>A topic's JSON by its id, or by the Message-ID of any mail in it.</summary>
    /// <remarks>A topic id is lower-case hex: written in capitals it is the same id (a Message-ID's case is its own).</remarks>
    public async Task<string?> FindAsync(string idOrMessageId, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        var key = idOrMessageId.Trim().Trim('<', '>');
        return await c.ExecuteScalarAsync<string?>(new CommandDefinition("""
            SELECT data FROM topics WHERE id = lower(@key)
            UNION ALL
            SELECT t.data FROM topic_messages m JOIN topics t ON t.id = m.topic_id WHERE m.message_id = @key
            LIMIT 1
            """, new { key }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<string>> AllDataAsync(CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        return (await c.QueryAsync<string>(new CommandDefinition("SELECT data FROM topics ORDER BY first_posted, id", cancellationToken: cancellationToken))).AsList();
    }
}
