using System.Text.Json;
using Dapper;

namespace ReviewQueue.Storage;

/// <summary>A MAINTAINERS section as the ledger keeps it.</summary>
public sealed record SubsystemRow(long Id, string Name, string? Status, string Maintainers, string Reviewers, string Lists,
    string Source, string Loaded, long Present, long SeriesCount);

/// <summary>The sections (by name, in order) one patch or series touches, by its Message-ID.</summary>
/// <param name="Replaces">Message-IDs whose links these replace: a series's earlier revisions, once current themselves.</param>
public sealed record SectionLinks(string MessageId, IReadOnlyList<string> Sections, IReadOnlyList<string>? Replaces = null);

/// <summary>Sections of the current MAINTAINERS, and which sections each patch or series (by Message-ID) touches.</summary>
public sealed class SubsystemStore(Ledger ledger, TimeProvider time)
{
    public sealed record SectionInput(string Name, string? Status, IReadOnlyList<string> Maintainers,
        IReadOnlyList<string> Reviewers, IReadOnlyList<string> Lists);

    /// <summary>Writes the sections of a freshly loaded MAINTAINERS; sections no longer present are marked, not deleted.</summary>
    public async Task<int> ReplaceSectionsAsync(IEnumerable<SectionInput> sections, string source, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        var loaded = time.GetUtcNow().ToString("O");
        await c.ExecuteAsync(new CommandDefinition("UPDATE subsystems SET present = 0", transaction: tx, cancellationToken: cancellationToken));
        int count = 0;
        // Duplicate titles exist in real files; the first one keeps the name, as get_maintainer.pl's output shows it.
        foreach (var s in sections.DistinctBy(s => s.Name))
        {
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO subsystems(name, status, maintainers, reviewers, lists, source, loaded, present)
                VALUES (@Name, @Status, @M, @R, @L, @source, @loaded, 1)
                ON CONFLICT(name) DO UPDATE SET status = excluded.status, maintainers = excluded.maintainers,
                    reviewers = excluded.reviewers, lists = excluded.lists, source = excluded.source,
                    loaded = excluded.loaded, present = 1
                """,
                new
                {
                    s.Name, s.Status,
                    M = JsonSerializer.Serialize(s.Maintainers), R = JsonSerializer.Serialize(s.Reviewers), L = JsonSerializer.Serialize(s.Lists),
                    source, loaded,
                }, tx, cancellationToken: cancellationToken));
            count++;
        }
        await tx.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>Records the sections a patch or series touches, in order; replaces what was recorded before.</summary>
    public Task RecordAsync(string messageId, IReadOnlyList<string> sectionNames, CancellationToken cancellationToken) =>
        RecordAllAsync([new SectionLinks(messageId, sectionNames)], cancellationToken);

    const string DeleteLinks = "DELETE FROM message_subsystems WHERE message_id = $message_id";

    const string InsertLink = """
        INSERT OR IGNORE INTO message_subsystems(message_id, subsystem_id, position)
        SELECT $message_id, id, $position FROM subsystems WHERE name = $name
        """;

    const string RecordedLinks = """
        SELECT m.position, s.name FROM message_subsystems m JOIN subsystems s ON s.id = m.subsystem_id
        WHERE m.message_id = $message_id ORDER BY m.position
        """;

    /// <summary>
    /// <see cref="RecordAsync"/> for many patches or series in one transaction, each in turn, through statements
    /// prepared once: a rebuild records every topic. Links recorded already as they are (a rebuild's common case)
    /// are only read, not written again.
    /// </summary>
    /// <returns>The links deleted and inserted.</returns>
    public async Task<long> RecordAllAsync(IEnumerable<SectionLinks> links, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectPlainAsync(cancellationToken);
        await using var tx = (Microsoft.Data.Sqlite.SqliteTransaction)await c.BeginTransactionAsync(cancellationToken);
        long before = await Changes.TotalAsync(c, tx, cancellationToken);
        await using var recorded = PreparedCommand.Create(c, tx, RecordedLinks, "$message_id");
        await using var delete = PreparedCommand.Create(c, tx, DeleteLinks, "$message_id");
        await using var insert = PreparedCommand.Create(c, tx, InsertLink, "$message_id", "$position", "$name");
        foreach (var link in links)
        {
            // A revision that was current when an earlier import assembled it is superseded now: its links go, or the
            // series counts once per revision it had (and differently from a ledger that got all its mail at once).
            foreach (var earlier in link.Replaces ?? [])
            {
                delete.Parameters[0].Value = earlier;
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }
            if (await AsRecordedAsync(recorded, link, cancellationToken))
                continue;
            delete.Parameters[0].Value = link.MessageId;
            await delete.ExecuteNonQueryAsync(cancellationToken);
            insert.Parameters[0].Value = link.MessageId;
            for (int i = 0; i < link.Sections.Count; i++)
            {
                insert.Parameters[1].Value = i;
                insert.Parameters[2].Value = link.Sections[i];
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        long changed = await Changes.TotalAsync(c, tx, cancellationToken) - before;
        await tx.CommitAsync(cancellationToken);
        return changed;
    }

    /// <summary>Whether the links recorded for this Message-ID are these sections, at these positions.</summary>
    static async Task<bool> AsRecordedAsync(Microsoft.Data.Sqlite.SqliteCommand recorded, SectionLinks link, CancellationToken cancellationToken)
    {
        recorded.Parameters[0].Value = link.MessageId;
        await using var reader = await recorded.ExecuteReaderAsync(cancellationToken);
        int i = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (i >= link.Sections.Count || reader.GetInt64(0) != i || reader.GetString(1) != link.Sections[i])
                return false;
            i++;
        }
        return i == link.Sections.Count;
    }

    public async Task<IReadOnlyList<string>> SectionsOfAsync(string messageId, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        var rows = await c.QueryAsync<string>(new CommandDefinition("""
            SELECT s.name FROM message_subsystems m JOIN subsystems s ON s.id = m.subsystem_id
            WHERE m.message_id = @messageId ORDER BY m.position
            """, new { messageId }, cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>Every present section with the number of patches/series recorded against it.</summary>
    public async Task<IReadOnlyList<SubsystemRow>> AllAsync(CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        // Without a row SQLite gives the computed count no type (a blob to the reader), and Dapper finds no constructor
        // of the record to match: no sections is answered here.
        if (!await c.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM subsystems WHERE present = 1)", cancellationToken: cancellationToken)))
            return [];
        var rows = await c.QueryAsync<SubsystemRow>(new CommandDefinition("""
            SELECT s.id AS Id, s.name AS Name, s.status AS Status, s.maintainers AS Maintainers, s.reviewers AS Reviewers,
                   s.lists AS Lists, s.source AS Source, s.loaded AS Loaded, s.present AS Present,
                   (SELECT COUNT(*) FROM message_subsystems m WHERE m.subsystem_id = s.id) AS SeriesCount
            FROM subsystems s WHERE s.present = 1 ORDER BY s.name
            """, cancellationToken: cancellationToken));
        return [.. rows];
    }
}
