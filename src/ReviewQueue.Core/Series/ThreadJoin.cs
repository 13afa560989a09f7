namespace ReviewQueue.Core.Series;

/// <summary>
/// The first pass of <see cref="SeriesGroups"/>: which mails share a thread. Each mail is joined with every
/// Message-ID it names (In-Reply-To and References), whether that mail is present or not, so two mails naming
/// one missing parent are one thread too: a group may come out larger than assembly needs, never smaller.
/// Only 64-bit hashes of the ids are held, a few dozen bytes a mail, so a ledger of any size fits; two ids
/// that happen to hash alike only join two threads.
/// </summary>
public sealed class ThreadJoin
{
    readonly Dictionary<ulong, int> nodes = [];
    readonly DisjointSets sets = new();
    readonly List<int> nodeOf = [];
    readonly List<bool> posting = [];
    readonly System.Collections.BitArray isMessage = new(0);
    int messages;

    /// <summary>Mails added so far.</summary>
    public int Count => nodeOf.Count;

    /// <summary>Distinct Message-IDs added so far: the mails assembly keeps (one of each).</summary>
    public int Messages => messages;

    /// <summary>Adds the next mail; mails are numbered 0.. in the order they are added.</summary>
    public void Add(SeriesMail mail) => Add(mail.MessageId, mail.InReplyTo, mail.References, MailGraph.IsPosting(mail));

    /// <summary>The same from the few fields it reads (a rebuild's first pass reads only these of each fact).</summary>
    public void Add(string messageId, string? inReplyTo, IEnumerable<string> references, bool isPosting)
    {
        int node = Node(messageId);
        if (!isMessage[node])
        {
            isMessage[node] = true;
            messages++;
        }
        nodeOf.Add(node);
        posting.Add(isPosting);
        if (inReplyTo is not null)
            sets.Union(node, Node(inReplyTo));
        foreach (var id in references)
            sets.Union(node, Node(id));
    }

    /// <summary>
    /// <see cref="MailGraph.IsPosting"/> from the fields it reads: a patch or cover letter, not "Re:", and not a
    /// mail without a diff that answers another and carries trailers.
    /// </summary>
    public static bool IsPosting(SeriesMailKind kind, bool subjectIsReply, bool hasDiff, bool answers, bool hasFollowupTrailers) =>
        kind is SeriesMailKind.Patch or SeriesMailKind.Cover && !subjectIsReply && !(!hasDiff && answers && hasFollowupTrailers);

    int Node(string id)
    {
        ulong key = SeriesGroups.Hash(id);
        if (!nodes.TryGetValue(key, out int node))
        {
            nodes[key] = node = nodes.Count;
            sets.Grow(nodes.Count);
            if (isMessage.Length < nodes.Count)
                isMessage.Length = Math.Max(nodes.Count, 2 * isMessage.Length);
        }
        return node;
    }

    /// <summary>The thread of every mail added, threads numbered 0.. in order of their first mail.</summary>
    public Threads Finish()
    {
        var number = new Dictionary<int, int>();
        var threadOf = new int[nodeOf.Count];
        for (int i = 0; i < threadOf.Length; i++)
        {
            int root = sets.Find(nodeOf[i]);
            if (!number.TryGetValue(root, out int t))
                number[root] = t = number.Count;
            threadOf[i] = t;
        }
        var mails = new int[number.Count];
        var hasPosting = new bool[number.Count];
        for (int i = 0; i < threadOf.Length; i++)
        {
            mails[threadOf[i]]++;
            hasPosting[threadOf[i]] |= posting[i];
        }
        return new Threads(threadOf, mails, hasPosting);
    }
}

/// <summary>Each mail's thread (by the order mails were added), and per thread its number of mails and whether any is a patch or cover letter.</summary>
public sealed record Threads(int[] ThreadOf, int[] Mails, bool[] HasPosting)
{
    public int Count => Mails.Length;
}
