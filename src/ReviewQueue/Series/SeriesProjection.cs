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
public sealed class SeriesProjection(EventStore events, TopicStore topics, MetaStore meta, ReviewRulesProvider rules, IEnumerable<ITopicsFollower> followers)
{
    public sealed record Result(int Mails, int Topics, int NewEvents);

    /// <summary>The facts topics are assembled from.</summary>
    static readonly string[] Inputs = [LedgerEvent.Posted, LedgerEvent.Replied, LedgerEvent.Merged];

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

    /// <param name="fresh">The facts the import just stored, as read: those are not deserialized again.</param>
    /// <param name="stepDone">Told the name of each step as it ends, from whichever thread ran it (the rebuild benchmark times them).</param>
    public async Task<Result> RebuildAsync(FreshFacts? fresh, Action<string>? stepDone, CancellationToken cancellationToken)
    {
        // Read first: facts stored while this rebuild runs make the next check ask for another.
        long through = await events.LastIdAsync(Inputs, cancellationToken);
        var (mails, built) = await AssembleAsync(fresh, stepDone, cancellationToken);

        // Two independent lines of work, one per core; SQLite takes their writes one at a time.
        // The topics table: rows built (JSON per topic) as they are written.
        var topicsWritten = Task.Run(async () =>
        {
            await topics.ReplaceAllAsync(Rows(built, cancellationToken), cancellationToken);
            stepDone?.Invoke("topics");
        }, cancellationToken);
        // The derived events, then what follows the topics: a follower may read the events (debt history
        // starts at the earliest event recorded since its last refresh), so they are in first.
        var followed = FollowAsync(built, stepDone, cancellationToken);
        await Task.WhenAll(topicsWritten, followed);

        await meta.SetAsync(ProjectedKey, through.ToString(CultureInfo.InvariantCulture), cancellationToken);
        stepDone?.Invoke("meta");
        return new Result(mails, built.Count, await followed);
    }

    async Task<int> FollowAsync(IReadOnlyList<Topic> built, Action<string>? stepDone, CancellationToken cancellationToken)
    {
        int added = await events.AppendAsync(Derived(built), cancellationToken);
        stepDone?.Invoke("derived");
        foreach (var follower in followers)
        {
            var refresh = await follower.BeginAsync(cancellationToken);
            refresh.Add(built);
            await refresh.EndAsync(cancellationToken);
            stepDone?.Invoke(follower.GetType().Name);
        }
        return added;
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
        var (assembler, merged) = await LoadAsync(null, cancellationToken);
        if (asOf is not { } moment)
            return assembler.Build(null, merged);
        if (reassemble)
            return assembler.Build(moment, MergedBy(merged, moment));
        return assembler.Build(null, merged).Select(t => t.AsOf(moment)).OfType<Topic>().ToList();
    }

    static Dictionary<string, Acceptance> MergedBy(Dictionary<string, Acceptance> merged, DateTimeOffset asOf) =>
        merged.Where(kv => kv.Value.Date <= asOf).ToDictionary();

    /// <summary>
    /// Every topic, assembled from the facts; the mails they came from (most of the memory a rebuild holds) are
    /// let go here: the topics keep what they need, and the rows and followers after this do not need the mails.
    /// </summary>
    async Task<(int Mails, IReadOnlyList<Topic> Built)> AssembleAsync(FreshFacts? fresh, Action<string>? stepDone, CancellationToken cancellationToken)
    {
        var (assembler, merged) = await LoadAsync(fresh, cancellationToken);
        stepDone?.Invoke("load");
        var built = assembler.Build(null, merged);
        stepDone?.Invoke("assemble");
        return (assembler.Count, built);
    }

    /// <summary>Facts read and deserialized at a time: the ledger's JSON is held a chunk at a time, never all of it.</summary>
    const int FactChunk = 4096;

    async Task<(SeriesAssembler, Dictionary<string, Acceptance>)> LoadAsync(FreshFacts? fresh, CancellationToken cancellationToken)
    {
        var assembler = new SeriesAssembler(rules.Series);
        var merged = new Dictionary<string, Acceptance>(StringComparer.Ordinal);
        var mails = new SeriesMail?[FactChunk];
        var read = SeriesFacts.SharingReader();
        await foreach (var facts in events.FactsOfKindsAsync(Inputs, FactChunk, cancellationToken))
        {
            // Deserializing is most of the load: what the import just stored it hands over as read; the rest is
            // deserialized on both cores, and the mails are added in the stored order after.
            Parallel.For(0, facts.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                mails[i] = facts[i].Kind == LedgerEvent.Merged ? null : fresh?.Of(facts[i]) ?? read(facts[i].Data));
            for (int i = 0; i < facts.Count; i++)
            {
                var f = facts[i];
                if (mails[i] is { } mail)
                {
                    assembler.Add(mail);
                    continue;
                }
                var m = JsonSerializer.Deserialize<MergedFact>(f.Data, MergedFact.Json)!;
                merged.TryAdd(f.Target, new Acceptance("merged", m.Commit, m.Tree, m.Evidence, DateTimeOffset.Parse(f.At), null, m.Branch));
            }
        }
        return (assembler, merged);
    }

    TopicRow Row(Topic topic)
    {
        var view = TopicView.Of(topic, rules.Review);
        var ids = topic.Revisions
            .SelectMany(r => r.Patches.SelectMany(p => p.Trailers.Select(t => t.GivenIn).Concat(p.Discussion.Select(d => d.MessageId)).Append(p.MessageId))
                .Concat(r.CoverDiscussion.Select(d => d.MessageId))
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
