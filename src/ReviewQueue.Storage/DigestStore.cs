using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ReviewQueue.Storage;

/// <summary>
/// Someone who receives digests. Subsystems empty: all of them. <see cref="Created"/> is when its schedule began: when it
/// was made, or when it last changed <see cref="Every"/> (a subscription's first digest is its schedule's first occurrence
/// at or after that).
/// </summary>
public sealed record DigestSubscription(long Id, string Address, IReadOnlyList<string> Subsystems, string Every, TimeSpan MinAge,
    string Token, DateTimeOffset Created);

/// <summary>A digest as recorded before sending.</summary>
public sealed record DigestRecord(long Id, long Subscription, string Period, string MessageId, string State, int Attempts,
    string? LastError, byte[] Raw);

/// <summary>Digest subscriptions and the digests sent to them.</summary>
public sealed class DigestStore(Ledger ledger)
{
    sealed record SubscriptionRow(long Id, string Address, string Subsystems, string Every, long MinAge, string Token, string Created);

    public async Task<DigestSubscription> SubscribeAsync(string address, IReadOnlyList<string> subsystems, string every, TimeSpan minAge,
        string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken);
        // One mailbox, one subscription, whatever the case its address is written in (FindAsync and UnsubscribeAsync match it
        // so): ann@example.org subscribing again what Ann@Example.org subscribed changes that one, spelled as it was made.
        // Rows differing in case only, made before this rule, come down to one: the active one (else the first) stays.
        var stored = await c.ExecuteScalarAsync<string?>(new CommandDefinition("""
            SELECT address FROM digest_subscriptions WHERE address = @address COLLATE NOCASE
            ORDER BY unsubscribed IS NOT NULL, id LIMIT 1
            """, new { address }, tx, cancellationToken: cancellationToken)) ?? address;
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE digest_subscriptions SET unsubscribed = @now
            WHERE address = @stored COLLATE NOCASE AND address <> @stored AND unsubscribed IS NULL
            """, new { stored, now }, tx, cancellationToken: cancellationToken));
        // An ended subscription's digests that never went out stay unsent: subscribing again is a new subscription, whose
        // first digest is its schedule's next one, not the old one's (however out of date) at once.
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE digests SET state = 'dropped', claimed_until = NULL
            WHERE state IN ('queued', 'failed')
              AND subscription IN (SELECT id FROM digest_subscriptions WHERE address = @stored AND unsubscribed IS NOT NULL)
            """, new { stored }, tx, cancellationToken: cancellationToken));
        // Subscribing again changes the settings and keeps the token and the history. A new schedule starts now, as a
        // new subscription does: kept, the old start made the new schedule's running period (begun before the change)
        // due at once. The same schedule keeps its start, so a period due and not yet sent is not lost to a change of
        // subsystems or age. After an unsubscribe it is a new subscription with a new token: the old one was used, and
        // in old digests, their archives and forwards, or a mail client retrying its one-click POST, it would end this one.
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO digest_subscriptions(address, subsystems, every, min_age, token, created)
            VALUES (@stored, @subsystems, @every, @minAge, @token, @now)
            ON CONFLICT(address) DO UPDATE SET subsystems = excluded.subsystems, every = excluded.every, min_age = excluded.min_age,
                token = CASE WHEN digest_subscriptions.unsubscribed IS NULL THEN digest_subscriptions.token ELSE excluded.token END,
                unsubscribed = NULL,
                created = CASE WHEN digest_subscriptions.unsubscribed IS NULL AND digest_subscriptions.every = excluded.every
                    THEN digest_subscriptions.created ELSE excluded.created END
            """, new { stored, subsystems = JsonSerializer.Serialize(subsystems), every, minAge = minAge.Ticks, token, now }, tx,
            cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return (await FindAsync(stored, cancellationToken))!;
    }

    /// <summary>Ends a subscription by address; false when there was none.</summary>
    public async Task<bool> UnsubscribeAsync(string address, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE digest_subscriptions SET unsubscribed = @now WHERE address = @address COLLATE NOCASE AND unsubscribed IS NULL",
            new { address, now }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Ends a subscription by its one-click token; false when the token is unknown or already used.</summary>
    public async Task<bool> UnsubscribeByTokenAsync(string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE digest_subscriptions SET unsubscribed = @now WHERE token = @token AND unsubscribed IS NULL",
            new { token, now }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<DigestSubscription?> FindAsync(string address, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE address = @address COLLATE NOCASE AND unsubscribed IS NULL", new { address }, cancellationToken)).FirstOrDefault();

    /// <summary>The subscription a one-click token still ends; null when the token is unknown or already used.</summary>
    public async Task<DigestSubscription?> FindByTokenAsync(string token, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE token = @token AND unsubscribed IS NULL", new { token }, cancellationToken)).FirstOrDefault();

    public Task<IReadOnlyList<DigestSubscription>> ActiveAsync(CancellationToken cancellationToken) =>
        QueryAsync("WHERE unsubscribed IS NULL", null, cancellationToken);

    async Task<IReadOnlyList<DigestSubscription>> QueryAsync(string where, object? args, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        var rows = await c.QueryAsync<SubscriptionRow>(new CommandDefinition(
            "SELECT id, address, subsystems, every, min_age AS MinAge, token, created FROM digest_subscriptions " + where + " ORDER BY address",
            args, cancellationToken: cancellationToken));
        return rows.Select(r => new DigestSubscription(r.Id, r.Address, JsonSerializer.Deserialize<List<string>>(r.Subsystems) ?? [],
            r.Every, TimeSpan.FromTicks(r.MinAge), r.Token,
            DateTimeOffset.Parse(r.Created, System.Globalization.CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>Records a digest before it is sent: its id, or null when this period already has one.</summary>
    public async Task<long?> QueueAsync(long subscription, string period, string messageId, byte[] raw, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition("""
            INSERT INTO digests(subscription, period, message_id, state, attempts, created, raw)
            VALUES (@subscription, @period, @messageId, 'queued', 0, @now, @raw)
            ON CONFLICT(subscription, period) DO NOTHING
            RETURNING id
            """, new { subscription, period, messageId, now, raw = Compression.Pack(raw) }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Drops a subscription's unsent digests of periods before <paramref name="period"/> (keys sort as their times): once a
    /// newer period's digest is due, an older one is out of date. One being sent now (claimed) is left to its sender.
    /// </summary>
    public async Task DropSupersededAsync(long subscription, string period, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE digests SET state = 'dropped', claimed_until = NULL
            WHERE subscription = @subscription AND period < @period AND state IN ('queued', 'failed')
              AND (claimed_until IS NULL OR claimed_until < @now)
            """, new { subscription, period, now }, cancellationToken: cancellationToken));
    }

    public async Task<bool> HasPeriodAsync(long subscription, string period, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM digests WHERE subscription = @subscription AND period = @period",
            new { subscription, period }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Digests not yet sent: queued (maybe interrupted mid-send) or failed; oldest first.</summary>
    public async Task<IReadOnlyList<DigestRecord>> UnsentAsync(CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        var rows = await c.QueryAsync<(long Id, long Subscription, string Period, string MessageId, string State, long Attempts, string? LastError, byte[] Raw)>(
            new CommandDefinition("""
                SELECT d.id, d.subscription, d.period, d.message_id, d.state, d.attempts, d.last_error, d.raw
                FROM digests d JOIN digest_subscriptions s ON s.id = d.subscription
                WHERE d.state IN ('queued', 'failed') AND s.unsubscribed IS NULL ORDER BY d.id
                """, cancellationToken: cancellationToken));
        return rows.Select(r => new DigestRecord(r.Id, r.Subscription, r.Period, r.MessageId, r.State, (int)r.Attempts, r.LastError,
            Compression.Unpack(r.Raw))).ToList();
    }

    /// <summary>
    /// Takes the next attempt at sending for <paramref name="lease"/>: true for exactly one caller,
    /// so two dispatchers (run and `digest send`) never send one digest at once. A sender that
    /// crashed mid-send leaves its claim to expire; then the digest is sent again, same Message-ID.
    /// False too when the subscription ended meanwhile (a one-click unsubscribe since the digest was recorded).
    /// </summary>
    public async Task<bool> ClaimAsync(long id, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition("""
            UPDATE digests SET attempts = attempts + 1, claimed_until = @until
            WHERE id = @id AND state IN ('queued', 'failed') AND (claimed_until IS NULL OR claimed_until < @now)
              AND subscription IN (SELECT id FROM digest_subscriptions WHERE unsubscribed IS NULL)
            """, new { id, now, until = now + lease }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task MarkSentAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE digests SET state = 'sent', sent = @now, last_error = NULL, claimed_until = NULL WHERE id = @id",
            new { id, now }, cancellationToken: cancellationToken));
    }

    public async Task MarkFailedAsync(long id, string error, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE digests SET state = 'failed', last_error = @error, claimed_until = NULL WHERE id = @id",
            new { id, error }, cancellationToken: cancellationToken));
    }

    /// <summary>The SMTP server refused it for good (a 5xx reply): kept with the reason, never sent again.</summary>
    public async Task MarkRefusedAsync(long id, string error, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE digests SET state = 'refused', last_error = @error, claimed_until = NULL WHERE id = @id",
            new { id, error }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<(string Address, string Period, string MessageId, string State, int Attempts, string? LastError)>> HistoryAsync(
        CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        var rows = await c.QueryAsync<(string, string, string, string, long, string?)>(new CommandDefinition("""
            SELECT s.address, d.period, d.message_id, d.state, d.attempts, d.last_error
            FROM digests d JOIN digest_subscriptions s ON s.id = d.subscription ORDER BY d.id
            """, cancellationToken: cancellationToken));
        return rows.Select(r => (r.Item1, r.Item2, r.Item3, r.Item4, (int)r.Item5, r.Item6)).ToList();
    }
}
