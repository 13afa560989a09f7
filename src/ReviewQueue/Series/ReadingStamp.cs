using ReviewQueue.Storage;

namespace ReviewQueue.Series;

/// <summary>
/// Which rules read the ledger's mail into its facts (trailers, notes, subjects). Facts are read once, when the mail
/// arrives; a ReviewQueue whose rules changed answers from facts its predecessor read until `reindex` reads the stored
/// mail again. The stamp says so: `run` reads a stale ledger again by itself, the other commands say to.
/// </summary>
public sealed class ReadingStamp(Ledger ledger)
{
    /// <summary>
    /// Raised with every change in what reading a mail gives its facts, and with a change in what the topics and the
    /// debt history derived from them hold that a rebuild alone would not bring to every stored day (`reindex` records
    /// the facts again, so the history is measured again from the first).
    /// </summary>
    /// <remarks>2: wrapped trailers, "NAK, reason", b4 ty lists, patchwork-bot notices, whole-series notes, stable trees.
    /// 3: patch numbers named or excluded by Applied lines.
    /// 4: a colon after the subject's brackets is not part of the title ("[PATCH 2/2]: fix"); a bare "--" line is no
    /// signature (b4's rule), so trailers and notes below it are read.
    /// 5: a revision's stable tree is stored with the topic, and a stable backport is no review debt (every day of the
    /// history).</remarks>
    public const int Rules = 5;

    const string Key = "facts-read-by";

    public const string Advice = "this ledger's mail was read by an earlier ReviewQueue, whose rules differ: " +
        "`reviewqueue reindex` reads it again (`run` does it by itself)";

    static readonly string Current = Rules.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when the ledger holds mail read by other rules (or by a ReviewQueue before the stamp).</summary>
    public bool IsStale()
    {
        using var c = ledger.Connect();
        using var read = c.CreateCommand();
        read.CommandText = "SELECT (SELECT value FROM meta WHERE key = $key), EXISTS (SELECT 1 FROM messages)";
        read.Parameters.AddWithValue("$key", Key);
        using var row = read.ExecuteReader();
        row.Read();
        return (row.IsDBNull(0) ? null : row.GetString(0)) != Current && row.GetInt64(1) == 1;
    }

    /// <summary>After a reindex: every fact was read by these rules.</summary>
    public void Mark()
    {
        using var c = ledger.Connect();
        using var write = c.CreateCommand();
        write.CommandText = "INSERT INTO meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        write.Parameters.AddWithValue("$key", Key);
        write.Parameters.AddWithValue("$value", Current);
        write.ExecuteNonQuery();
    }

    /// <summary>Before mail comes in: a ledger without mail will hold only facts these rules read.</summary>
    public void MarkIfEmpty()
    {
        using var c = ledger.Connect();
        using (var any = c.CreateCommand())
        {
            // A read first: every delivery asks, and only a new ledger's first one needs the write lock.
            any.CommandText = "SELECT EXISTS (SELECT 1 FROM messages)";
            if ((long)any.ExecuteScalar()! == 1)
                return;
        }
        using var write = c.CreateCommand();
        write.CommandText = """
            INSERT INTO meta(key, value) SELECT $key, $value WHERE NOT EXISTS (SELECT 1 FROM messages)
            ON CONFLICT(key) DO UPDATE SET value = excluded.value
            """;
        write.Parameters.AddWithValue("$key", Key);
        write.Parameters.AddWithValue("$value", Current);
        write.ExecuteNonQuery();
    }
}
