using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ReviewQueue.Core.Series;
using ReviewQueue.Storage;

namespace ReviewQueue.Series;

/// <summary>
/// Derives topics from the ledger's events: every posted and replied fact goes through series
/// assembly (order-independent), merges found in watched trees mark patches accepted, and what
/// assembly finds new (a revision linked, one superseded) is appended to the ledger as well.
/// </summary>
public sealed class SeriesProjection(Ledger ledger, EventStore events, TopicStore topics, MetaStore meta, ReviewRulesProvider rules,
    IEnumerable<ITopicsFollower> followers)
{
    /// <param name="Mails">Every mail the rebuild assembled: the whole ledger's.</param>
    /// <param name="RowsChanged">Rows of topics and topic_messages the rebuild inserted, changed or deleted (only those that differ are written).</param>
    /// <param name="MailsSinceLast">The mails among them that no complete rebuild had read before.</param>
    public sealed record Result(int Mails, int Topics, int NewEvents, long RowsChanged, int MailsSinceLast);

    static readonly string[] Inputs = SeriesBatches.Inputs;

    readonly SeriesBatches batches = new(events, rules.Series.IsBot);

    /// <summary>
    /// A ledger of up to this many mail facts is assembled at once; a larger one in batches of whole groups of about
    /// <see cref="BatchMails"/> (see <see cref="SeriesBatches"/>), so a rebuild's memory does not grow with the
    /// ledger. Tests set both low to assemble in many batches.
    /// </summary>
    public int WholeLedgerMails { get; set; } = SeriesBatches.DefaultWhole;

    /// <inheritdoc cref="WholeLedgerMails"/>
    public int BatchMails { get; set; } = SeriesBatches.DefaultBatch;

    /// <summary>
    /// While mail keeps coming, the service (each IMAP round that stored mail, the catch-up worker's look) lets a rebuild
    /// rest this many times as long as it took before the next, so rebuilding every topic takes at most a tenth of a core
    /// whatever the ledger's size: a rebuild grows with the ledger (~150 ms at 4,000 mails, seconds at 100,000), and one
    /// per round was the service's whole CPU under steady mail. What arrives meanwhile waits that long for its topics
    /// (the catch-up worker assembles it once the rest is over), and is assembled with it in one rebuild.
    /// </summary>
    public const int RestFactor = 9;

    long lastEnded, lastTook; // Stopwatch timestamps of the last complete rebuild in this process

    /// <summary>Whether the service's next rebuild should wait (<see cref="RestFactor"/>): a command asks for its own at once.</summary>
    public bool Resting => Stopwatch.GetTimestamp() < Interlocked.Read(ref lastEnded) + RestFactor * Interlocked.Read(ref lastTook);

    /// <summary>Meta key: the newest input event the last complete rebuild had read.</summary>
    public const string ProjectedKey = "projected_through_event";

    /// <summary>
    /// Facts came in that no complete rebuild has read: a process stopped between storing mail and
    /// rebuilding, so an import that finds nothing new must still rebuild.
    /// </summary>
    public async Task<bool> IsBehindAsync(CancellationToken cancellationToken)
    {
        long last = await events.LastIdAsync(Inputs, cancellationToken);
        if (last == 0)
            return false;
        var through = await meta.GetAsync(ProjectedKey, cancellationToken);
        return through is null || long.Parse(through, CultureInfo.InvariantCulture) < last;
    }

    /// <summary>The newest input event now: an import notes it before storing, for <see cref="FreshFacts"/>.</summary>
    public Task<long> InputsThroughAsync(CancellationToken cancellationToken) => events.LastIdAsync(Inputs, cancellationToken);

    public Task<Result> RebuildAsync(CancellationToken cancellationToken) => RebuildAsync(null, null, cancellationToken);

    public Task<Result> RebuildAsync(Action<string>? stepDone, CancellationToken cancellationToken) => RebuildAsync(null, stepDone, cancellationToken);

    /// <summary>
    /// A rebuild whose turn begins with <paramref name="first"/>: `reindex` swaps in the facts it read again there, so no
    /// other rebuild (the service's, an import's) reads the ledger between the swap and this one.
    /// </summary>
    public async Task<Result> RebuildAsync(Func<CancellationToken, Task> first, CancellationToken cancellationToken)
    {
        await using var alone = await AloneAsync(cancellationToken);
        await first(cancellationToken);
        return await RebuildAloneAsync(null, null, cancellationToken);
    }

    /// <summary>
    /// Assembles every topic again from the ledger, a batch of whole groups at a time. Each batch's topic rows go to
    /// the writer of the topics table (staged, then swapped in at once, so readers see the old topics until the new
    /// ones are all in) while the followers measure them; neither holds the topics after. The derived
    /// events (revision linked, superseded) are appended once the topics are in, then the followers store.
    /// </summary>
    /// <param name="fresh">The facts the import just stored, as read: those are not deserialized again.</param>
    /// <param name="stepDone">Told the name of each step as it ends, from whichever thread ran it (the rebuild benchmark times them).</param>
    public async Task<Result> RebuildAsync(FreshFacts? fresh, Action<string>? stepDone, CancellationToken cancellationToken)
    {
        await using var alone = await AloneAsync(cancellationToken);
        return await RebuildAloneAsync(fresh, stepDone, cancellationToken);
    }

    /// <summary>
    /// What an import runs once its mail is stored: a rebuild, unless one that ended while this waited for its turn
    /// (another process's, say) had already read every fact. Mail piped to `import -` a message at a time by a
    /// mail server, several at once, costs one rebuild or two, not one each. Null when there was nothing to do.
    /// </summary>
    public async Task<Result?> CatchUpAsync(FreshFacts? fresh, CancellationToken cancellationToken, Action<string>? stepDone = null)
    {
        await using var alone = await AloneAsync(cancellationToken);
        return await IsBehindAsync(cancellationToken) ? await RebuildAloneAsync(fresh, stepDone, cancellationToken) : null;
    }

    /// <summary>
    /// One rebuild at a time: in this process (the IMAP, tree and daily workers and a command may all ask), and
    /// across processes on the ledger (<see cref="RebuildLock"/>). Two at once would hold two rebuilds' memory and
    /// write the same tables in turns for nothing. The one that waits reads the ledger after the other is done, so
    /// it sees what that one did not.
    /// </summary>
    async Task<IAsyncDisposable> AloneAsync(CancellationToken cancellationToken)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return new Turn(oneAtATime, await RebuildLock.AcquireAsync(ledger, cancellationToken));
        }
        catch
        {
            oneAtATime.Release();
            throw;
        }
    }

    sealed class Turn(SemaphoreSlim inProcess, RebuildLock acrossProcesses) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await acrossProcesses.DisposeAsync();
            inProcess.Release();
        }
    }

    readonly SemaphoreSlim oneAtATime = new(1, 1);

    async Task<Result> RebuildAloneAsync(FreshFacts? fresh, Action<string>? stepDone, CancellationToken cancellationToken)
    {
        long began = Stopwatch.GetTimestamp();
        var result = await RebuildOnceAsync(fresh, stepDone, cancellationToken);
        long ended = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref lastTook, ended - began);
        Interlocked.Exchange(ref lastEnded, ended);
        return result;
    }

    async Task<Result> RebuildOnceAsync(FreshFacts? fresh, Action<string>? stepDone, CancellationToken cancellationToken)
    {
        // Read first: facts stored while this rebuild runs make the next check ask for another.
        long through = await events.LastIdAsync(Inputs, cancellationToken);
        var before = await meta.GetAsync(ProjectedKey, cancellationToken);
        // One posted or replied fact per mail; what a merge found in a tree is no mail.
        long sinceLast = await events.CountOfKindsAsync([LedgerEvent.Posted, LedgerEvent.Replied],
            before is null ? 0 : long.Parse(before, CultureInfo.InvariantCulture), through, cancellationToken);
        var refreshes = new List<ITopicsRefresh>();
        try
        {
            foreach (var follower in followers)
                refreshes.Add(await follower.BeginAsync(cancellationToken));
            var (count, totals, derived, changed) = await BuildAsync(fresh, refreshes, stepDone, cancellationToken);

            // A follower may read the events (debt history starts at the earliest event recorded since its last
            // refresh): the derived ones are in before the followers store.
            int added = await events.AppendAsync(derived, cancellationToken);
            stepDone?.Invoke("derived");
            foreach (var (follower, refresh) in followers.Zip(refreshes))
            {
                await refresh.EndAsync(cancellationToken);
                stepDone?.Invoke(follower.GetType().Name);
            }
            await meta.SetAsync(ProjectedKey, through.ToString(CultureInfo.InvariantCulture), cancellationToken);
            stepDone?.Invoke("meta");
            return new Result(totals.Messages, count, added, changed, (int)sinceLast);
        }
        finally
        {
            foreach (var refresh in refreshes)
                await refresh.DisposeAsync();
        }
    }

    /// <summary>
    /// Every batch assembled; its rows written to the topics table (swapped in once all are written) while the
    /// followers take the batch. Returns the topics' count, what the read found, and the derived events.
    /// </summary>
    async Task<(int, SeriesBatches.Totals, List<LedgerEvent>, long)> BuildAsync(FreshFacts? fresh, List<ITopicsRefresh> refreshes,
        Action<string>? stepDone, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var rows = new BlockingCollection<TopicRow>(2 * RowChunk);
        var written = Task.Run(async () =>
        {
            try
            {
                return await topics.ReplaceAllAsync(rows.GetConsumingEnumerable(stop.Token), stop.Token);
            }
            catch
            {
                stop.Cancel(); // the batches stop too, instead of waiting for room
                throw;
            }
        }, CancellationToken.None);

        var totals = new SeriesBatches.Totals();
        var derived = new List<LedgerEvent>();
        int count = 0;
        try
        {
            await foreach (var mails in batches.ReadAsync(fresh, WholeLedgerMails, BatchMails, totals, stop.Token))
            {
                stepDone?.Invoke("load");
                var built = Assemble(mails, totals.Merged);
                stepDone?.Invoke("assemble");
                count += built.Count;
                derived.AddRange(Derived(built));
                // The rows (JSON per topic, on every core) and the followers' measures, side by side.
                await Task.WhenAll(
                    Task.Run(() =>
                    {
                        foreach (var row in Rows(built, stop.Token))
                            rows.Add(row, stop.Token);
                    }, stop.Token),
                    Task.Run(async () =>
                    {
                        foreach (var refresh in refreshes)
                            await refresh.AddAsync(built, stop.Token);
                    }, stop.Token));
            }
            rows.CompleteAdding();
        }
        catch
        {
            // The writer stops without swapping its rows in: a failed rebuild leaves the topics as they were.
            stop.Cancel();
            try
            {
                await written;
            }
            catch (OperationCanceledException)
            {
            }
            throw;
        }
        long changed = await written;
        stepDone?.Invoke("topics");
        return (count, totals, derived, changed);
    }

    IReadOnlyList<Topic> Assemble(IReadOnlyList<SeriesMail> mails, Dictionary<string, Acceptance> merged)
    {
        var assembler = new SeriesAssembler(rules.Series);
        foreach (var m in mails)
            assembler.Add(m);
        return assembler.Build(null, merged);
    }

    /// <summary>Topic rows built at a time, each chunk on every core; only one chunk's rows (their JSON) are held.</summary>
    const int RowChunk = 1024;

    /// <summary>The stored row of every topic, in the topics' order, built a chunk at a time as the writer asks for them.</summary>
    IEnumerable<TopicRow> Rows(IReadOnlyList<Topic> built, CancellationToken cancellationToken)
    {
        var rows = new TopicRow[Math.Min(RowChunk, built.Count)];
        for (int start = 0; start < built.Count; start += RowChunk)
        {
            int count = Math.Min(RowChunk, built.Count - start);
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, i => rows[i] = Row(built[start + i]));
            for (int i = 0; i < count; i++)
                yield return rows[i];
        }
    }

    /// <summary>
    /// The topics as they stood at <paramref name="asOf"/>: assembled from every event, then each cut at that
    /// moment (TopicAsOf), as the daily debt history measures them. With <paramref name="reassemble"/>, assembled
    /// again from only the mails dated by then instead: what the ledger would have said that day, which differs
    /// where later mail changed how earlier mail was grouped.
    /// </summary>
    public async Task<IReadOnlyList<Topic>> AsOfAsync(DateTimeOffset? asOf, CancellationToken cancellationToken, bool reassemble = false)
    {
        var assembler = new SeriesAssembler(rules.Series);
        var totals = new SeriesBatches.Totals();
        await foreach (var mails in batches.ReadAsync(null, int.MaxValue, int.MaxValue, totals, cancellationToken))
            foreach (var m in mails)
                assembler.Add(m);
        var merged = totals.Merged;
        if (asOf is not { } moment)
            return assembler.Build(null, merged);
        if (reassemble)
            return assembler.Build(moment, MergedBy(merged, moment));
        return assembler.Build(null, merged).Select(t => t.AsOf(moment)).OfType<Topic>().ToList();
    }

    /// <summary>
    /// The topics as they stood at <paramref name="asOf"/>, each cut at that moment as <see cref="AsOfAsync"/> cuts
    /// them, handed to <paramref name="each"/> a batch at a time (as a rebuild assembles them): a past day's debt of a
    /// large ledger is measured without holding every topic.
    /// </summary>
    public async Task AsOfInBatchesAsync(DateTimeOffset asOf, Action<IReadOnlyList<Topic>> each, CancellationToken cancellationToken)
    {
        var totals = new SeriesBatches.Totals();
        await foreach (var mails in batches.ReadAsync(null, WholeLedgerMails, BatchMails, totals, cancellationToken))
            each(Assemble(mails, totals.Merged).Select(t => t.AsOf(asOf)).OfType<Topic>().ToList());
    }

    static Dictionary<string, Acceptance> MergedBy(Dictionary<string, Acceptance> merged, DateTimeOffset asOf) =>
        merged.Where(kv => kv.Value.Date <= asOf).ToDictionary();

    TopicRow Row(Topic topic)
    {
        var view = TopicView.Of(topic, rules.Review);
        var ids = topic.Revisions
            .SelectMany(r => r.Patches.SelectMany(p => p.Trailers.Select(t => t.GivenIn).Concat(p.Discussion.Select(d => d.MessageId))
                    .Concat(p.Replies).Append(p.MessageId))
                .Concat(r.CoverDiscussion.Select(d => d.MessageId)).Concat(r.CoverReplies)
                .Concat(r.CoverMessageId is null ? [] : [r.CoverMessageId]))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new TopicRow(view.Id, view.Title, view.Author.Name, view.Author.Email, view.FirstPosted, view.LastActivity,
            view.State, view.Revisions[^1].Version, view.Patches, view.Reviewed, TopicJson.Serialize(view), ids);
    }

    static IEnumerable<LedgerEvent> Derived(IReadOnlyList<Topic> built)
    {
        foreach (var topic in built)
        {
            for (int i = 1; i < topic.Revisions.Count; i++)
            {
                var r = topic.Revisions[i];
                yield return new LedgerEvent(r.Posted, LedgerEvent.RevisionLinked, r.Id, topic.Revisions[i - 1].Id,
                    JsonSerializer.Serialize(new RevisionLinkedFact(topic.Id, r.LinkedBy, r.VersionLabel), DerivedFactsJson.Default.RevisionLinkedFact));
            }
            foreach (var r in topic.Revisions.Where(r => r.SupersededBy is not null))
                yield return new LedgerEvent(r.SupersededAt!.Value, LedgerEvent.Superseded, r.Id, r.SupersededBy!,
                    JsonSerializer.Serialize(new SupersededFact(topic.Id), DerivedFactsJson.Default.SupersededFact));
        }
    }
}

/// <summary>What a watched tree said about a posted patch (written by the tree watcher as a "merged" event).</summary>
public sealed record MergedFact(string Tree, string Branch, string Commit, string Evidence)
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}

/// <summary>A "revision-linked" event's data: {"topic":…,"how":…,"version":…}.</summary>
public sealed record RevisionLinkedFact(
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("how")] string How,
    [property: JsonPropertyName("version")] string Version);

/// <summary>A "superseded" event's data: {"topic":…}.</summary>
public sealed record SupersededFact([property: JsonPropertyName("topic")] string Topic);

/// <summary>The derived events' JSON, generated at build time; default options, as the ledger has always written it.</summary>
[JsonSerializable(typeof(RevisionLinkedFact))]
[JsonSerializable(typeof(SupersededFact))]
internal sealed partial class DerivedFactsJson : JsonSerializerContext;
