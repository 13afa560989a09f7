using Dapper;
using Microsoft.Data.Sqlite;

namespace ReviewQueue.Storage;

/// <summary>Watched branches, the commits indexed from them, and merges found (migration 0004).</summary>
public sealed class TreeStore(Ledger ledger)
{
    const string CommitColumns = "sha, tree_sha AS TreeSha, patch_id AS PatchId, full_patch_id AS FullPatchId, author, email, title, title_key AS TitleKey, date, committed";

    public async Task<BranchState?> BranchAsync(string tree, string branch, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        return await c.QuerySingleOrDefaultAsync<BranchState>(new CommandDefinition(
            "SELECT tree, branch, head, synced, commits FROM tree_branches WHERE tree = @tree AND branch = @branch",
            new { tree, branch }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<BranchState>> BranchesAsync(CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        var rows = await c.QueryAsync<BranchState>(new CommandDefinition(
            "SELECT tree, branch, head, synced, commits FROM tree_branches ORDER BY tree, branch", cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Commits of this tree already indexed (from any branch), so a sync does not compute them again.</summary>
    public async Task<Dictionary<string, TreeCommitRow>> KnownAsync(string tree, IReadOnlyList<string> shas, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, TreeCommitRow>(StringComparer.Ordinal);
        if (shas.Count == 0)
            return known;
        await using var c = await ledger.ConnectAsync(cancellationToken);
        // One statement over the whole list (a JSON array): thousands of shas on a first sync.
        var p = new { tree, shas = System.Text.Json.JsonSerializer.Serialize(shas) };
        const string wanted = "SELECT value FROM json_each(@shas)";
        var rows = (await c.QueryAsync<KnownCommit>(new CommandDefinition(
            $"SELECT id, {CommitColumns} FROM tree_commits WHERE tree = @tree AND sha IN ({wanted}) ORDER BY id",
            p, cancellationToken: cancellationToken))).AsList();
        if (rows.Count == 0)
            return known;
        var links = (await c.QueryAsync<(long CommitId, string MessageId)>(new CommandDefinition(
            $"SELECT l.commit_id, l.message_id FROM tree_commit_links l JOIN tree_commits t ON t.id = l.commit_id WHERE t.tree = @tree AND t.sha IN ({wanted})",
            p, cancellationToken: cancellationToken))).ToLookup(l => l.CommitId, l => l.MessageId);
        foreach (var r in rows)
            known.TryAdd(r.Sha, new TreeCommitRow(r.Sha, r.TreeSha, r.PatchId, r.FullPatchId, r.Author, r.Email, r.Title, r.TitleKey, r.Date, links[r.Id].ToList(),
                r.Committed));
        return known;
    }

    /// <summary>
    /// Stores a branch's new commits and its new head in one transaction, marks the commits a rewrite took out of the
    /// branch (<paramref name="dropped"/>) gone and those that came back not; returns how many commits were new to it.
    /// </summary>
    public async Task<int> RecordSyncAsync(string tree, string branch, string head, IReadOnlyList<TreeCommitRow> commits,
        DateTimeOffset now, CancellationToken cancellationToken, IReadOnlyList<string>? dropped = null)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken);
        var seen = Iso(now);
        // Thousands of rows on a first sync: handed over as one JSON array and inserted by one
        // statement each for commits and links, in order (ids ascend as the branch does). CROSS
        // JOIN keeps the list outside, each link finding its commit by the unique index; the
        // planner otherwise scans the list once per commit.
        var rows = System.Text.Json.JsonSerializer.Serialize(commits.Select(k => new object?[]
            { k.Sha, k.TreeSha, k.PatchId, k.FullPatchId, k.Author, k.Email, k.Title, k.TitleKey, Iso(k.Date), k.Committed is { } d ? Iso(d) : null }));
        var links = System.Text.Json.JsonSerializer.Serialize(commits.SelectMany(k => k.Links.Select(m => new[] { k.Sha, m })));
        int added = await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO tree_commits(tree, branch, sha, tree_sha, patch_id, full_patch_id, author, email, title, title_key, date, seen, committed)
            SELECT @tree, @branch, r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3, r.value ->> 4, r.value ->> 5,
                   r.value ->> 6, r.value ->> 7, r.value ->> 8, @seen, r.value ->> 9
            FROM json_each(@rows) r WHERE true
            ON CONFLICT(tree, branch, sha) DO NOTHING
            """, new { tree, branch, seen, rows }, tx, cancellationToken: cancellationToken));
        // A commit back in the branch (a rewrite undone, often by a fast-forward) is in it again, and merged detection looks
        // at it as at a new one: what was posted while it was gone is in the branch now. Found by the unique index, sha by
        // sha of the new ones, not by scanning the branch. One a rewrite took out is gone from now on.
        const string back = "tree = @tree AND branch = @branch AND gone IS NOT NULL AND sha IN (SELECT r.value ->> 0 FROM json_each(@rows) r)";
        if (await c.ExecuteScalarAsync<long?>(new CommandDefinition($"SELECT min(id) FROM tree_commits WHERE {back}",
                new { tree, branch, rows }, tx, cancellationToken: cancellationToken)) is { } firstBack)
        {
            await c.ExecuteAsync(new CommandDefinition($"UPDATE tree_commits SET gone = NULL WHERE {back}",
                new { tree, branch, rows }, tx, cancellationToken: cancellationToken));
            if (firstBack <= await MetaLongAsync(c, "merges:commit-row", cancellationToken, tx))
                await SetMetaAsync(c, tx, "merges:commit-row", firstBack - 1, cancellationToken);
        }
        if (dropped is { Count: > 0 })
            await c.ExecuteAsync(new CommandDefinition("""
                UPDATE tree_commits SET gone = @seen
                WHERE tree = @tree AND branch = @branch AND gone IS NULL AND sha IN (SELECT value FROM json_each(@dropped))
                """, new { tree, branch, seen, dropped = System.Text.Json.JsonSerializer.Serialize(dropped) }, tx, cancellationToken: cancellationToken));
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT OR IGNORE INTO tree_commit_links(commit_id, message_id)
            SELECT t.id, l.value ->> 1 FROM json_each(@links) l
            CROSS JOIN tree_commits t ON t.tree = @tree AND t.branch = @branch AND t.sha = l.value ->> 0
            """, new { tree, branch, links }, tx, cancellationToken: cancellationToken));
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO tree_branches(tree, branch, head, synced, commits) VALUES (@tree, @branch, @head, @seen, @added)
            ON CONFLICT(tree, branch) DO UPDATE SET head = excluded.head, synced = excluded.synced, commits = commits + excluded.commits
            """, new { tree, branch, head, seen, added }, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>The highest messages.id already read for patch keys.</summary>
    public async Task<long> PatchKeysUpToAsync(CancellationToken cancellationToken) => await MetaLongAsync("patch-keys:message-row", cancellationToken);

    public async Task AddPatchKeysAsync(IReadOnlyList<PatchKeyRow> keys, long upToMessageRow, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken);
        foreach (var k in keys)
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO patch_keys(message_id, patch_id, email, title_key, date, stable_tree)
                VALUES (@MessageId, @PatchId, @Email, @TitleKey, @Date, @StableTree)
                ON CONFLICT(message_id) DO NOTHING
                """, new { k.MessageId, k.PatchId, k.Email, k.TitleKey, Date = k.Date is { } d ? Iso(d) : null, k.StableTree },
                tx, cancellationToken: cancellationToken));
        await SetMetaAsync(c, tx, "patch-keys:message-row", upToMessageRow, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Records merges for what is new since the last match (new commits against every patch, new
    /// patches against every commit), strongest evidence first; returns how many facts were added.
    /// </summary>
    public async Task<int> MatchAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        var lastCommit = await MetaLongAsync(c, "merges:commit-row", cancellationToken);
        var lastKey = await MetaLongAsync(c, "merges:key-row", cancellationToken);
        var maxCommit = await c.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT max(id) FROM tree_commits", cancellationToken: cancellationToken)) ?? 0;
        var maxKey = await c.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT max(id) FROM patch_keys", cancellationToken: cancellationToken)) ?? 0;
        if (maxCommit == lastCommit && maxKey == lastKey)
            return 0;
        // A stable backport copies a mainline commit, whose patch-id, title and author every mainline branch has: by
        // those it is merged only on a branch naming its stable tree (linux-6.6.y, origin/linux-6.6.y). A Link: to
        // the backport's own message says where it went, whatever the branch.
        c.CreateFunction("stable_tree_of_branch", (string branch) =>
            Core.Mail.SubjectLine.StableTreeOf(branch[(branch.LastIndexOf('/') + 1)..]), isDeterministic: true);
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken);
        var p = new { lastCommit, lastKey, now = Iso(now) };
        int added = 0;
        added += await c.ExecuteAsync(new CommandDefinition("""
            INSERT OR IGNORE INTO merges(message_id, tree, branch, sha, evidence, recorded)
            SELECT k.message_id, t.tree, t.branch, t.sha, 'link', @now
            FROM tree_commit_links l
            JOIN tree_commits t ON t.id = l.commit_id
            JOIN patch_keys k ON k.message_id = l.message_id
            WHERE t.id > @lastCommit OR k.id > @lastKey
            ORDER BY t.id
            """, p, tx, cancellationToken: cancellationToken));
        // A commit a rewrite took out of the branch (gone) still placed what was posted before it went, however late
        // that mail is read; what was posted after (a RESEND, a v2 of the dropped patch) is not in the branch.
        added += await c.ExecuteAsync(new CommandDefinition("""
            INSERT OR IGNORE INTO merges(message_id, tree, branch, sha, evidence, recorded)
            SELECT k.message_id, t.tree, t.branch, t.sha, 'patch-id', @now
            FROM patch_keys k
            JOIN tree_commits t ON t.patch_id = k.patch_id OR t.full_patch_id = k.patch_id
            WHERE (t.id > @lastCommit OR k.id > @lastKey) AND k.patch_id IS NOT NULL
              AND (k.stable_tree IS NULL OR k.stable_tree = stable_tree_of_branch(t.branch))
              AND (t.gone IS NULL OR k.date IS NULL OR julianday(k.date) < julianday(t.gone))
              AND NOT EXISTS (SELECT 1 FROM merges m WHERE m.message_id = k.message_id AND m.tree = t.tree
                              AND m.branch = t.branch AND m.evidence = 'link')
            ORDER BY t.id
            """, p, tx, cancellationToken: cancellationToken));
        // Same author and title: merged with changes. Only where nothing stronger placed the patch
        // or claimed the commit, and not for a commit written long before the patch was posted.
        added += await c.ExecuteAsync(new CommandDefinition("""
            INSERT OR IGNORE INTO merges(message_id, tree, branch, sha, evidence, recorded)
            SELECT k.message_id, t.tree, t.branch, t.sha, 'author-title', @now
            FROM patch_keys k
            JOIN tree_commits t ON t.email = k.email AND t.title_key = k.title_key
            WHERE (t.id > @lastCommit OR k.id > @lastKey) AND k.email IS NOT NULL AND k.title_key <> ''
              AND (k.stable_tree IS NULL OR k.stable_tree = stable_tree_of_branch(t.branch))
              AND (k.date IS NULL OR julianday(t.date) >= julianday(k.date) - 30)
              AND (t.gone IS NULL OR k.date IS NULL OR julianday(k.date) < julianday(t.gone))
              AND NOT EXISTS (SELECT 1 FROM merges m WHERE m.message_id = k.message_id AND m.tree = t.tree AND m.branch = t.branch)
              AND NOT EXISTS (SELECT 1 FROM merges m WHERE m.tree = t.tree AND m.branch = t.branch AND m.sha = t.sha)
            ORDER BY t.id
            """, p, tx, cancellationToken: cancellationToken));
        await SetMetaAsync(c, tx, "merges:commit-row", maxCommit, cancellationToken);
        await SetMetaAsync(c, tx, "merges:key-row", maxKey, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<IReadOnlyList<MergeRow>> MergesAsync(string? messageId, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        var rows = await c.QueryAsync<MergeRow>(new CommandDefinition(
            "SELECT message_id AS MessageId, tree, branch, sha, evidence, recorded FROM merges" +
            (messageId is null ? "" : " WHERE message_id = @messageId") + " ORDER BY id",
            new { messageId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// Every merge with when it happened, for the ledger's events (events.at: "the commit's time"): when its commit
    /// was committed, but never before the patch was posted (a commit older than the posting it matched) nor after
    /// the sync found it (a clock ahead); the sync's time for commits stored before their commit time was kept.
    /// </summary>
    public async Task<IReadOnlyList<MergeFact>> MergeFactsAsync(CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        var rows = await c.QueryAsync<(long Id, string MessageId, string Tree, string Branch, string Sha, string Evidence, string Recorded,
            string? Committed, string? Posted)>(new CommandDefinition("""
            SELECT m.id, m.message_id, m.tree, m.branch, m.sha, m.evidence, m.recorded,
                   (SELECT t.committed FROM tree_commits t WHERE t.tree = m.tree AND t.branch = m.branch AND t.sha = m.sha),
                   (SELECT k.date FROM patch_keys k WHERE k.message_id = m.message_id)
            FROM merges m ORDER BY m.id
            """, cancellationToken: cancellationToken));
        static DateTimeOffset? Parse(string? s) => s is null ? null : DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        return [.. rows.Select(r =>
        {
            var recorded = Parse(r.Recorded)!.Value;
            var at = Parse(r.Committed) is { } committed && committed < recorded ? committed : recorded;
            if (Parse(r.Posted) is { } posted && posted > at)
                at = posted < recorded ? posted : recorded;
            return new MergeFact(new MergeRow(r.MessageId, r.Tree, r.Branch, r.Sha, r.Evidence, r.Recorded), at);
        })];
    }

    /// <summary>
    /// Merged patches per branch and evidence, for the trees listing. A rebase gives a patch a new commit
    /// and so a second merge (the first is kept): each patch counts once, by its first merge on the
    /// branch, as `show` gives it.
    /// </summary>
    public async Task<IReadOnlyList<(string Tree, string Branch, string Evidence, long Count)>> MergeCountsAsync(CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        var rows = await c.QueryAsync<(string, string, string, long)>(new CommandDefinition("""
            SELECT m.tree, m.branch, m.evidence, count(*) FROM merges m
            JOIN (SELECT min(id) AS id FROM merges GROUP BY tree, branch, message_id) f ON f.id = m.id
            GROUP BY m.tree, m.branch, m.evidence ORDER BY m.tree, m.branch, m.evidence
            """, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Stored messages after a messages.id, in order, raw bytes unpacked (for reading patch keys).</summary>
    public async Task<IReadOnlyList<(long Id, string MessageId, DateTimeOffset? Date, byte[] Raw)>> MessagesAfterAsync(
        long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        await using var reader = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT id, message_id, date, raw FROM messages WHERE id > @afterId ORDER BY id LIMIT @limit",
            new { afterId, limit }, cancellationToken: cancellationToken));
        var list = new List<(long, string, DateTimeOffset?, byte[])>();
        while (await reader.ReadAsync(cancellationToken))
        {
            DateTimeOffset? date = reader.IsDBNull(2) ? null
                : DateTimeOffset.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture);
            list.Add((reader.GetInt64(0), reader.GetString(1), date, Compression.Unpack((byte[])reader[3])));
        }
        return list;
    }

    sealed class KnownCommit
    {
        public long Id { get; set; }
        public string Sha { get; set; } = "";
        public string TreeSha { get; set; } = "";
        public string? PatchId { get; set; }
        public string? FullPatchId { get; set; }
        public string Author { get; set; } = "";
        public string Email { get; set; } = "";
        public string Title { get; set; } = "";
        public string TitleKey { get; set; } = "";
        public DateTimeOffset Date { get; set; }
        public DateTimeOffset? Committed { get; set; }
    }

    async Task<long> MetaLongAsync(string key, CancellationToken cancellationToken)
    {
        await using var c = await ledger.ConnectAsync(cancellationToken);
        return await MetaLongAsync(c, key, cancellationToken);
    }

    static async Task<long> MetaLongAsync(SqliteConnection c, string key, CancellationToken cancellationToken, SqliteTransaction? tx = null)
    {
        var value = await c.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT value FROM meta WHERE key = @key", new { key }, tx,
            cancellationToken: cancellationToken));
        return value is null ? 0 : long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    static Task SetMetaAsync(SqliteConnection c, SqliteTransaction tx, string key, long value, CancellationToken cancellationToken) =>
        c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO meta(key, value) VALUES (@key, @value) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            new { key, value = value.ToString(System.Globalization.CultureInfo.InvariantCulture) }, tx, cancellationToken: cancellationToken));

    static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}
