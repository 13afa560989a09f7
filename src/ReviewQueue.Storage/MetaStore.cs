using Dapper;

namespace ReviewQueue.Storage;

/// <summary>Key/value facts about the ledger itself.</summary>
public sealed class MetaStore(Ledger ledger)
{
    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        return await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT value FROM meta WHERE key = @key", new { key }, cancellationToken: cancellationToken));
    }

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO meta(key, value) VALUES (@key, @value) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            new { key, value }, cancellationToken: cancellationToken));
    }

    /// <summary>Every key that starts with <paramref name="prefix"/>, with its value.</summary>
    public async Task<Dictionary<string, string>> StartingWithAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        var rows = await c.QueryAsync<(string Key, string Value)>(new CommandDefinition(
            "SELECT key, value FROM meta WHERE substr(key, 1, length(@prefix)) = @prefix", new { prefix }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
    }
}
