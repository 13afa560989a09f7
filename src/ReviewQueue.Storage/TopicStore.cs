using Dapper;
using Microsoft.Data.Sqlite;

namespace ReviewQueue.Storage;

/// <summary>Topics as last assembled: replaced as a whole, read by the CLI, the API and the dashboard.</summary>
public sealed class TopicStore(Ledger ledger)
{
    public async Task ReplaceAllAsync(IReadOnlyList<TopicRow> topics, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM topics; DELETE FROM topic_messages;", transaction: tx, cancellationToken: cancellationToken));
        foreach (var t in topics)
        {
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO topics(id, title, author_name, author_email, first_posted, last_activity, state, current_version, patches, reviewed, data)
                VALUES (@Id, @Title, @AuthorName, @AuthorEmail, @FirstPosted, @LastActivity, @State, @CurrentVersion, @Patches, @Reviewed, @Data)
                """, new
            {
                t.Id, t.Title, t.AuthorName, t.AuthorEmail,
                FirstPosted = EventStore.Time(t.FirstPosted), LastActivity = EventStore.Time(t.LastActivity),
                t.State, t.CurrentVersion, t.Patches, t.Reviewed, t.Data,
            }, tx, cancellationToken: cancellationToken));
            foreach (var id in t.MessageIds)
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO topic_messages(message_id, topic_id) VALUES (@id, @topic) ON CONFLICT(message_id) DO NOTHING",
                    new { id, topic = t.Id }, tx, cancellationToken: cancellationToken));
        }
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TopicSummary>> ListAsync(string? state, DateTimeOffset? activeSince, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        var rows = await c.QueryAsync<TopicSummary>(new CommandDefinition("""
            SELECT id, title, author_name AS AuthorName, author_email AS AuthorEmail, first_posted AS FirstPosted,
                   last_activity AS LastActivity, state, current_version AS CurrentVersion, patches, reviewed
            FROM topics
            WHERE (@state IS NULL OR state = @state) AND (@since IS NULL OR last_activity >= @since)
            ORDER BY first_posted, id
            """, new { state, since = activeSince is null ? null : EventStore.Time(activeSince.Value) }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>A topic's JSON by its id, or by the Message-ID of any mail in it.</summary>
    public async Task<string?> FindAsync(string idOrMessageId, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        var key = idOrMessageId.Trim().Trim('<', '>');
        return await c.ExecuteScalarAsync<string?>(new CommandDefinition("""
            SELECT data FROM topics WHERE id = @key
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
