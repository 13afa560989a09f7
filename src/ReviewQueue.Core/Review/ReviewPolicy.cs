namespace ReviewQueue.Core.Review;

/// <summary>What a trailer means for review debt. Which names mean what is policy (seeds/), not code.</summary>
public enum TrailerMeaning
{
    /// <summary>Not about review: Signed-off-by, Reported-by, Fixes, Link, Cc, unknown names.</summary>
    Other,
    Review,
    Ack,
    Test,
    Objection,
}

/// <summary>A known bot: an address or a pattern with '*' wildcards, matched case-insensitively.</summary>
/// <param name="AppliedNotices">Its "This patch/series was applied to TREE" notices count as "Applied" notes
/// (patchwork-bot's); a bot is never review nor discussion either way.</param>
public sealed record BotRule(string Name, string Pattern, bool AppliedNotices = false)
{
    public bool Matches(string address) => Glob(Pattern.AsSpan(), address.AsSpan());

    static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        // Iterative '*' matching with one backtrack point: linear enough for addresses.
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] != '*' && char.ToLowerInvariant(pattern[p]) == char.ToLowerInvariant(text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
            p++;
        return p == pattern.Length;
    }
}

/// <summary>
/// The review policy the ledger starts from (seeds/review-policy.json and seeds/bots.json, with
/// overrides from configuration): the trailer vocabulary, whether Tested-by counts as review, when
/// a waiting series is stale, and which senders are bots (never reviewers, never discussion).
/// </summary>
public sealed record ReviewPolicy(
    IReadOnlyList<string> ReviewTrailers,
    IReadOnlyList<string> AckTrailers,
    IReadOnlyList<string> TestTrailers,
    IReadOnlyList<string> ObjectionTrailers,
    IReadOnlyList<string> ObjectionWords,
    bool TestedByCountsAsReview,
    TimeSpan StaleAfter,
    IReadOnlyList<BotRule> Bots,
    bool StableBackportsAreDebt = false)
{
    /// <summary>The meaning of a trailer name ("reviewed-by" and "Reviewed-by" alike).</summary>
    public TrailerMeaning Meaning(string trailerName)
    {
        var name = trailerName.Trim().TrimEnd(':');
        if (Has(ReviewTrailers, name))
            return TrailerMeaning.Review;
        if (Has(AckTrailers, name))
            return TrailerMeaning.Ack;
        if (Has(TestTrailers, name))
            return TrailerMeaning.Test;
        if (Has(ObjectionTrailers, name))
            return TrailerMeaning.Objection;
        return TrailerMeaning.Other;
    }

    /// <summary>Whether a trailer with this name makes a patch reviewed under this policy.</summary>
    public bool CountsAsReview(string trailerName) => Meaning(trailerName) switch
    {
        TrailerMeaning.Review or TrailerMeaning.Ack => true,
        TrailerMeaning.Test => TestedByCountsAsReview,
        _ => false,
    };

    /// <summary>
    /// A line that objects without a trailer: its first word is an objection word of the policy,
    /// alone ("NAK", "NACK.") or followed by punctuation or white space and a reason ("NAK, this
    /// breaks resume", "Nack, because …", "nack! :-)"). Not a quoted line, not the word inside prose
    /// ("I would not NAK this"), not a longer word ("NAKs", "nakedly", "Nack-ing", "NAK'd").
    /// </summary>
    public bool IsObjectionLine(string line)
    {
        // Asked of every own line of every reply: no string made, no enumerator.
        var text = line.AsSpan().TrimStart();
        for (int i = 0; i < ObjectionWords.Count; i++)
        {
            if (ObjectionWords[i] is not { Length: > 0 } w || !text.StartsWith(w, StringComparison.OrdinalIgnoreCase))
                continue;
            if (text.Length == w.Length)
                return true;
            char next = text[w.Length];
            // "NAK?" asks; "NAK-ing", "NAK/ACK", "NAK'd" and "NAKs" are other words.
            if (next is ',' or '.' or '!' or ':' or ';' || char.IsWhiteSpace(next))
                return true;
        }
        return false;
    }

    /// <summary>The bot this address belongs to, or null for a person.</summary>
    public BotRule? Bot(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
            return null;
        var a = address.Trim().Trim('<', '>');
        return Bots.FirstOrDefault(b => b.Matches(a));
    }

    public bool IsBot(string? address) => Bot(address) is not null;

    /// <summary>Is this address a bot whose "applied" notices the seeds let count (patchwork-bot)?</summary>
    public bool SendsAppliedNotices(string? address) => Bot(address) is { AppliedNotices: true };

    /// <summary>
    /// What this policy means, as one line of text a ledger keeps (readable with sqlite3): equal for policies that read
    /// and count mail alike (names compared case-insensitively, in any order; bots in theirs), different when a
    /// difference would change a fact, a state or a day of debt.
    /// </summary>
    public string Signature()
    {
        // Trailer names as Meaning compares them (trimmed, no colon, any case); objection words as IsObjectionLine
        // does (any case, but "NAK:" is another word than "NAK"). StaleAfter is left out: stale is measured anew at
        // every refresh and no stored day holds it.
        static string Names(IEnumerable<string> names) =>
            string.Join(",", names.Select(n => n.Trim().TrimEnd(':').ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal));
        static string Words(IEnumerable<string> words) =>
            string.Join(",", words.Select(w => w.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal));
        return string.Join("; ",
            "review " + Names(ReviewTrailers), "ack " + Names(AckTrailers), "test " + Names(TestTrailers),
            "objection " + Names(ObjectionTrailers), "objection-words " + Words(ObjectionWords),
            "tested-counts " + TestedByCountsAsReview,
            "bots " + string.Join(",", Bots.Select(b => $"{b.Pattern.ToLowerInvariant()}:{b.AppliedNotices}")), // the first match counts: in order
            "backports-are-debt " + StableBackportsAreDebt);
    }

    static bool Has(IReadOnlyList<string> names, string name) =>
        names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
}
