namespace ReviewQueue.Core.Series;

/// <summary>
/// Splits mails into groups that series assembly never relates across: assembling each group on its own gives
/// the topics assembling them all at once gives, so a rebuild can hold one group at a time. Two passes that hold
/// only hashes: <see cref="ThreadJoin"/> (threads), then <see cref="PostingJoin"/> (threads joined by their
/// postings' titles, change-ids and unthreaded merges). A group may be larger than needed, never too small.
/// </summary>
/// <remarks>
/// The assembly rules that relate one mail to another, and what covers each: duplicates of a Message-ID are one
/// node; thread parents, posting roots, follow-ups (trailers, NAKs, "Applied" notes, withdrawals), "thread"
/// revision links and threaded partial re-rolls all walk In-Reply-To/References, so stay within a thread;
/// change-id, title and tag links, and unthreaded merges, are PostingJoin's keys; version numbering, partial
/// re-rolls, carried trailers and superseding act within a topic; merges from trees are per Message-ID.
/// </remarks>
public static class SeriesGroups
{
    /// <summary>The group of each mail, in the order given (the ledger's order), for a build of the whole set.</summary>
    public static int[] Of(IReadOnlyList<SeriesMail> mails, Func<string, bool> isBot)
    {
        var join = new ThreadJoin();
        foreach (var m in mails)
            join.Add(m);
        var threads = join.Finish();
        var members = new List<SeriesMail>?[threads.Count];
        for (int i = 0; i < mails.Count; i++)
            (members[threads.ThreadOf[i]] ??= []).Add(mails[i]);
        var postings = new PostingJoin(threads.Count, isBot);
        for (int t = 0; t < threads.Count; t++)
            if (threads.HasPosting[t])
                postings.Add(t, members[t]!);
        var groups = postings.Groups();
        return threads.ThreadOf.Select(t => groups[t]).ToArray();
    }

    /// <summary>FNV-1a, 64 bits, over the UTF-16 code units: stable across processes (string.GetHashCode is not).</summary>
    public static ulong Hash(string s) => Add(Offset, s);

    /// <summary>The hash of two strings with a separator no Message-ID, address or title holds.</summary>
    public static ulong Hash(string a, string b) => Add(Add(Add(Offset, a), "\0"), b);

    const ulong Offset = 14695981039346656037, Prime = 1099511628211;

    static ulong Add(ulong h, string s)
    {
        foreach (char c in s)
            h = (h ^ c) * Prime;
        return h;
    }
}
