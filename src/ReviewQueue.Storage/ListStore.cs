using Dapper;

namespace ReviewQueue.Storage;

/// <summary>A mailing list subscription and what arrived from it.</summary>
public sealed record MailingList(long Id, string Address, string ListId, string Software, string Account, string Subscriber,
    string State, string Requested, string? Confirmed, long Messages)
{
    /// <summary>requested, confirmed, or active once mail from the list arrived.</summary>
    public string Shown => State == "confirmed" && Messages > 0 ? "active" : State;
}

/// <summary>The lists ReviewQueue subscribed itself to.</summary>
public sealed class ListStore(Ledger ledger)
{
    public async Task RequestedAsync(string address, string listId, string software, string account, string subscriber,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO lists(address, list_id, software, account, subscriber, state, requested)
            VALUES (@address, @listId, @software, @account, @subscriber, 'requested', @now)
            ON CONFLICT(address) DO UPDATE SET list_id = excluded.list_id, software = excluded.software, account = excluded.account,
                subscriber = excluded.subscriber, state = CASE WHEN lists.state = 'confirmed' THEN lists.state ELSE 'requested' END,
                requested = excluded.requested
            """, new { address, listId, software, account, subscriber, now }, cancellationToken: cancellationToken));
    }

    public async Task ConfirmedAsync(string address, string? listId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE lists SET state = 'confirmed', confirmed = @now, list_id = coalesce(@listId, list_id) WHERE address = @address",
            new { address, listId, now }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<MailingList>> ListAsync(CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        // A class with setters: with no rows SQLite cannot say the count's type, and positional records need exact types.
        var rows = await c.QueryAsync<Row>(new CommandDefinition("""
            SELECT l.id, l.address, l.list_id AS ListId, l.software, l.account, l.subscriber, l.state, l.requested, l.confirmed,
                   (SELECT count(*) FROM messages m WHERE m.list_id = l.list_id) AS Messages
            FROM lists l ORDER BY l.address
            """, cancellationToken: cancellationToken));
        return rows.Select(r => new MailingList(r.Id, r.Address, r.ListId, r.Software, r.Account, r.Subscriber, r.State, r.Requested,
            r.Confirmed, r.Messages)).ToList();
    }

    sealed class Row
    {
        public long Id { get; set; }
        public string Address { get; set; } = "";
        public string ListId { get; set; } = "";
        public string Software { get; set; } = "";
        public string Account { get; set; } = "";
        public string Subscriber { get; set; } = "";
        public string State { get; set; } = "";
        public string Requested { get; set; } = "";
        public string? Confirmed { get; set; }
        public long Messages { get; set; }
    }
}
