using ReviewQueue.Core.Review;
using ReviewQueue.Storage;

namespace ReviewQueue.Series;

/// <summary>
/// Which rules read the ledger's mail into its facts (trailers, notes, subjects), and under which review policy
/// (seeds/review-policy.json and the Review section: what counts as review, objection words, bots, backports; see
/// ReviewPolicy.Signature) its facts were read and its debt measured. Facts are read once, when the mail arrives, and each day of
/// debt history once, after its end; a ReviewQueue whose rules or policy changed answers from what its predecessor
/// read and measured until `reindex` does it again. The stamp says so: `run` reads a stale ledger again by itself,
/// the other commands say to.
/// </summary>
/// <param name="policy">Null where the policy is not loaded (the read-only commands without a host): the rules alone
/// are checked.</param>
public sealed class ReadingStamp(Ledger ledger, ReviewPolicy? policy = null)
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
    /// history).
    /// 6: an "Applied" that is not the line's first words ("Thanks a lot for the patch. Applied.", "Never mind, applied
    /// after fixing the above.", "I've applied the series to my review-hans branch").
    /// 7: a series waits in the sections of its unreviewed patches only (every day of the history).
    /// 8: mail a relay sent ("Name via B4 Relay &lt;devnull+…&gt;") is the X-Original-From person's: sender, cover letter and
    /// topic author, and the giver its trailers are checked against.
    /// 9: an "Applied" in passing is marked so (the author's own accepts nothing) and a tester's line or "I applied …, but"
    /// is none; X-Original-From is believed only beside the B4 Relay's address for that same person.
    /// 10: a version written as the title's first word ("[PATCH 1/2] v3: hwmon: fix") is the posting's version, not
    /// part of its title.
    /// 11: a later version that only adds a driver tag to the title ("hwmon: (foo) fix x"), and a whole series sent
    /// again into its thread with the same version and files, are the next revision; a patch whose counter was left off
    /// ("[PATCH v2]" answered at once by its "[PATCH v2 2/2]") is patch 1 of that posting: an upgraded ledger's topics
    /// are assembled so at once, not at its next rebuild.
    /// 12: a mail without a readable Date is dated by its arrival in a reindex too, as the import dates it (rules 11's
    /// reindex, which `run` does by itself at its start, dated it 1970-01-01 and made it the oldest waiter).
    /// 13: a duplicate Message-ID's facts are not the ledger's (an import kept a second mail's reply and trailers
    /// though only the first mail was stored): an upgraded ledger drops those it holds.
    /// 14: a mail whose Date is missing, unreadable, before 1990 or more than a day after its newest Received header is
    /// dated by that header (else by its arrival): a patch dated 2085 waits now, not from 2085 on. A Date with a zone
    /// name MimeKit does not know ("CEST"), a "+02:00" offset or in ISO 8601 is read as git reads it, not as +0000.
    /// 15: the author is one person for NAKs and withdrawals as for acks (Identity.IsAuthor): their NAK from a second
    /// address objects to nothing, their "please drop this series" from it withdraws the series (every day of the history).</remarks>
    public const int Rules = 15;

    const string Key = "facts-read-by", PolicyKey = "measured-under";

    public const string Advice = "this ledger's mail was read by an earlier ReviewQueue, whose rules differ: " +
        "`reviewqueue reindex` reads it again (`run` does it by itself)";

    public const string PolicyAdvice = "this ledger's mail was read and its debt measured under another review policy " +
        "(seeds/review-policy.json, the Review section): `reviewqueue reindex` does it again under this one (`run` does it by itself)";

    static readonly string Current = Rules.ToString(System.Globalization.CultureInfo.InvariantCulture);

    readonly string? currentPolicy = policy?.Signature();

    /// <summary>What to tell the operator when the ledger holds mail read by other rules or under another policy; else null.</summary>
    public string? Staleness()
    {
        using var c = ledger.Connect();
        using var read = c.CreateCommand();
        read.CommandText = "SELECT (SELECT value FROM meta WHERE key = $key), (SELECT value FROM meta WHERE key = $policy), EXISTS (SELECT 1 FROM messages)";
        read.Parameters.AddWithValue("$key", Key);
        read.Parameters.AddWithValue("$policy", PolicyKey);
        using var row = read.ExecuteReader();
        row.Read();
        if (row.GetInt64(2) == 0)
            return null;
        if ((row.IsDBNull(0) ? null : row.GetString(0)) != Current)
            return Advice;
        return currentPolicy is not null && (row.IsDBNull(1) ? null : row.GetString(1)) != currentPolicy ? PolicyAdvice : null;
    }

    /// <summary>After a reindex: every fact was read by these rules, and every day measured under this policy.</summary>
    public void Mark()
    {
        using var c = ledger.Connect();
        using var write = c.CreateCommand();
        write.CommandText = """
            INSERT INTO meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value;
            INSERT INTO meta(key, value) SELECT $policy, $signature WHERE $signature IS NOT NULL
            ON CONFLICT(key) DO UPDATE SET value = excluded.value;
            """;
        Stamps(write);
        write.ExecuteNonQuery();
    }

    void Stamps(Microsoft.Data.Sqlite.SqliteCommand write)
    {
        write.Parameters.AddWithValue("$key", Key);
        write.Parameters.AddWithValue("$value", Current);
        write.Parameters.AddWithValue("$policy", PolicyKey);
        write.Parameters.AddWithValue("$signature", (object?)currentPolicy ?? DBNull.Value);
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
            ON CONFLICT(key) DO UPDATE SET value = excluded.value;
            INSERT INTO meta(key, value) SELECT $policy, $signature WHERE $signature IS NOT NULL AND NOT EXISTS (SELECT 1 FROM messages)
            ON CONFLICT(key) DO UPDATE SET value = excluded.value;
            """;
        Stamps(write);
        write.ExecuteNonQuery();
    }
}
