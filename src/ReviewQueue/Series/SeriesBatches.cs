using System.Runtime.CompilerServices;
using System.Text.Json;
using ReviewQueue.Core.Series;
using ReviewQueue.Storage;

namespace ReviewQueue.Series;

/// <summary>
/// The ledger's series facts as a rebuild assembles them: in batches of whole groups (<see cref="SeriesGroups"/>),
/// so that memory holds one batch of mails and its topics, whatever the size of the ledger. A ledger of at most
/// one batch is read in one pass, as one batch. A larger one takes three passes over the facts: threads (hashes of
/// Message-IDs), then the postings of each thread that has any (a batch of threads at a time), then the groups
/// that hold a posting (a batch at a time). Threads without a patch or cover letter make no topic and are not
/// read again. Within a batch, facts come in the ledger's order (date, then id), as assembly has always read them.
/// </summary>
public sealed class SeriesBatches(EventStore events, Func<string, bool> isBot)
{
    /// <summary>The facts topics are assembled from.</summary>
    public static readonly string[] Inputs = [LedgerEvent.Posted, LedgerEvent.Replied, LedgerEvent.Merged];

    /// <summary>
    /// A ledger of up to this many mails is read in one pass and assembled at once: the fastest way, and its memory
    /// is bounded by this (tens of MB). Past it, three passes and batches are cheaper than holding the ledger.
    /// </summary>
    public const int DefaultWhole = 16_384;

    /// <summary>
    /// Mails held at a time past <see cref="DefaultWhole"/>. Measured on a 300 MB mbox (97,888 mails): peak RSS 403 MB
    /// at 16,384 a batch, 324 at 4,096, 312 at 2,048, 320 at 1,024, in about the same time. A group larger than this
    /// is a batch of its own.
    /// </summary>
    public const int DefaultBatch = 2_048;

    /// <summary>Facts read and deserialized at a time when streaming the whole ledger.</summary>
    const int FactChunk = 4096;

    /// <summary>What a read found besides the batches; complete once the first batch is handed out.</summary>
    public sealed class Totals
    {
        /// <summary>Patches found in watched trees, by Message-ID of the posted patch.</summary>
        public Dictionary<string, Acceptance> Merged { get; } = new(StringComparer.Ordinal);

        /// <summary>Distinct Message-IDs among the mail facts.</summary>
        public int Messages { get; set; }
    }

    /// <summary>The mails of the ledger, a batch of whole groups at a time, or all of them at once for a small ledger.</summary>
    /// <param name="fresh">Facts an import has just stored, as read: not deserialized again.</param>
    /// <param name="wholeUpTo">Read a ledger of at most this many facts in one pass, as one batch.</param>
    public async IAsyncEnumerable<IReadOnlyList<SeriesMail>> ReadAsync(FreshFacts? fresh, int wholeUpTo, int batchMails, Totals totals,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await events.CountOfKindsAsync(Inputs, cancellationToken) <= wholeUpTo)
        {
            var all = new List<SeriesMail>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var mails in StreamAsync(fresh, totals, cancellationToken))
                foreach (var m in mails)
                {
                    all.Add(m);
                    ids.Add(m.MessageId);
                }
            totals.Messages = ids.Count;
            yield return all;
            yield break;
        }

        // Pass 1: threads, from the few fields that give them.
        var join = new ThreadJoin();
        var factIds = new List<long>();
        await foreach (var facts in events.FactsOfKindsAsync(Inputs, FactChunk, cancellationToken))
            foreach (var f in facts)
            {
                if (f.Kind == LedgerEvent.Merged)
                {
                    AddMerged(totals, f);
                    continue;
                }
                if (fresh?.Of(f) is { } mail)
                    join.Add(mail);
                else
                    SeriesFactThreads.AddTo(join, f.Data);
                factIds.Add(f.Id);
            }
        var threads = join.Finish();
        totals.Messages = join.Messages;
        join = null;

        // Pass 2: the postings of each thread that has one (in a method of its own: what it holds goes with it).
        var groupOfThread = await JoinPostingsAsync(threads, factIds, fresh, batchMails, cancellationToken);

        // Pass 3: the groups that hold a posting, a batch at a time.
        var groupOf = new int[threads.ThreadOf.Length];
        var groupMails = new int[threads.Count];
        var groupHasPosting = new bool[threads.Count];
        for (int i = 0; i < groupOf.Length; i++)
        {
            int t = threads.ThreadOf[i];
            int g = groupOf[i] = groupOfThread[t];
            groupMails[g]++;
            groupHasPosting[g] |= threads.HasPosting[t];
        }
        var groupBatches = Pack(threads.Count, g => groupHasPosting[g] ? groupMails[g] : -1, batchMails);
        foreach (var facts in Batches(groupOf, groupBatches, factIds))
        {
            var mails = (await ReadBatchAsync(facts, fresh, cancellationToken)).Select(x => x.Mail).ToList();
            yield return mails;
        }
    }

    /// <summary>The group of each thread: the postings of every thread that has one, read a batch of threads at a time.</summary>
    async Task<int[]> JoinPostingsAsync(Threads threads, List<long> factIds, FreshFacts? fresh, int batchMails, CancellationToken cancellationToken)
    {
        var postings = new PostingJoin(threads.Count, isBot);
        var threadBatches = Pack(threads.Count, t => threads.HasPosting[t] ? threads.Mails[t] : -1, batchMails);
        foreach (var facts in Batches(threads.ThreadOf, threadBatches, factIds))
        {
            var byThread = new Dictionary<int, List<SeriesMail>>();
            foreach (var (m, index) in await ReadBatchAsync(facts, fresh, cancellationToken))
            {
                int t = threads.ThreadOf[index];
                if (!byThread.TryGetValue(t, out var list))
                    byThread[t] = list = [];
                list.Add(m);
            }
            foreach (var (t, list) in byThread)
                postings.Add(t, list);
        }
        return postings.Groups();
    }

    /// <summary>
    /// Packs units (threads or groups, by number) into batches of at most <paramref name="limit"/> mails, in order;
    /// a unit larger than that is a batch of its own. A unit of size -1 is left out (-1).
    /// </summary>
    static int[] Pack(int units, Func<int, int> sizeOf, int limit)
    {
        var batchOf = new int[units];
        int batch = -1, held = limit;
        for (int u = 0; u < units; u++)
        {
            int size = sizeOf(u);
            if (size < 0)
            {
                batchOf[u] = -1;
                continue;
            }
            if (held + size > limit && held > 0)
            {
                batch++;
                held = 0;
            }
            batchOf[u] = batch;
            held += size;
        }
        return batchOf;
    }

    /// <summary>Per batch, the ledger ids of its facts with each one's position in the first pass.</summary>
    static IEnumerable<List<(long Id, int Index)>> Batches(int[] unitOf, int[] batchOfUnit, List<long> factIds)
    {
        int batches = batchOfUnit.Length == 0 ? 0 : batchOfUnit.Max() + 1;
        // Counting sort of the mails by batch: one int per mail, not a list per batch.
        var start = new int[batches + 1];
        foreach (int u in unitOf)
            if (batchOfUnit[u] >= 0)
                start[batchOfUnit[u] + 1]++;
        for (int b = 0; b < batches; b++)
            start[b + 1] += start[b];
        var order = new int[start[batches]];
        var next = start[..batches];
        for (int i = 0; i < unitOf.Length; i++)
            if (batchOfUnit[unitOf[i]] is int b && b >= 0)
                order[next[b]++] = i;
        for (int b = 0; b < batches; b++)
        {
            var facts = new List<(long, int)>(start[b + 1] - start[b]);
            for (int k = start[b]; k < start[b + 1]; k++)
                facts.Add((factIds[order[k]], order[k]));
            yield return facts;
        }
    }

    /// <summary>One batch's facts read from the ledger in its order, each with its position in the first pass.</summary>
    async Task<List<(SeriesMail Mail, int Index)>> ReadBatchAsync(List<(long Id, int Index)> wanted, FreshFacts? fresh,
        CancellationToken cancellationToken)
    {
        var indexOf = new Dictionary<long, int>(wanted.Count);
        foreach (var (id, index) in wanted)
            indexOf[id] = index;
        var facts = await events.FactsOfIdsAsync(Inputs, wanted.Select(w => w.Id).ToList(), cancellationToken);
        var mails = Deserialize(facts, fresh, SeriesFacts.SharingReader(), cancellationToken);
        var result = new List<(SeriesMail, int)>(facts.Count);
        for (int i = 0; i < facts.Count; i++)
            result.Add((mails[i]!, indexOf[facts[i].Id]));
        return result;
    }

    /// <summary>Every fact of the ledger, a chunk at a time: the merged ones go into <paramref name="totals"/>, the mails come out.</summary>
    async IAsyncEnumerable<IReadOnlyList<SeriesMail>> StreamAsync(FreshFacts? fresh, Totals totals,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // One reader for the pass, whose mails are all kept: equal strings read share one instance (Message-IDs
        // named again in References).
        var read = SeriesFacts.SharingReader();
        await foreach (var facts in events.FactsOfKindsAsync(Inputs, FactChunk, cancellationToken))
        {
            var mails = Deserialize(facts, fresh, read, cancellationToken);
            var chunk = new List<SeriesMail>(facts.Count);
            for (int i = 0; i < facts.Count; i++)
            {
                var f = facts[i];
                if (mails[i] is { } mail)
                    chunk.Add(mail);
                else
                    AddMerged(totals, f);
            }
            yield return chunk;
        }
    }

    static void AddMerged(Totals totals, StoredFact f)
    {
        var m = JsonSerializer.Deserialize<MergedFact>(f.Data, MergedFact.Json)!;
        totals.Merged.TryAdd(f.Target, new Acceptance("merged", m.Commit, m.Tree, m.Evidence, DateTimeOffset.Parse(f.At), null, m.Branch));
    }

    /// <summary>
    /// Deserializing is most of a read: what the import just stored it hands over as read; the rest is deserialized
    /// on every core. A merged fact comes out null.
    /// </summary>
    static SeriesMail?[] Deserialize(IReadOnlyList<StoredFact> facts, FreshFacts? fresh, Func<ReadOnlyMemory<byte>, SeriesMail> read,
        CancellationToken cancellationToken)
    {
        var mails = new SeriesMail?[facts.Count];
        Parallel.For(0, facts.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            mails[i] = facts[i].Kind == LedgerEvent.Merged ? null : fresh?.Of(facts[i]) ?? read(facts[i].Data));
        return mails;
    }
}
