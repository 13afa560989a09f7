using ReviewQueue.Core.Series;

namespace ReviewQueue.Series;

/// <summary>Something derived from the topics (review debt) that is refreshed each time they are rebuilt.</summary>
public interface ITopicsFollower
{
    /// <summary>Starts one refresh. The rebuild then hands the refresh every topic exactly once, in batches, then ends it.</summary>
    Task<ITopicsRefresh> BeginAsync(CancellationToken cancellationToken);
}

/// <summary>One refresh of a follower, fed the topics in batches.</summary>
public interface ITopicsRefresh
{
    /// <summary>Some of the topics, each whole and given once; any split and any order. Called by one thread at a time.</summary>
    void Add(IReadOnlyList<Topic> topics);

    /// <summary>Every topic was added: store what was measured.</summary>
    Task EndAsync(CancellationToken cancellationToken);
}

/// <summary>Temporary: collects every topic and refreshes once at the end (until the followers take batches).</summary>
sealed class CollectingRefresh(Func<IReadOnlyList<Topic>, CancellationToken, Task> refresh) : ITopicsRefresh
{
    readonly List<Topic> all = [];

    public void Add(IReadOnlyList<Topic> topics) => all.AddRange(topics);

    public Task EndAsync(CancellationToken cancellationToken) =>
        refresh(all.OrderBy(t => t.FirstPosted).ThenBy(t => t.Id, StringComparer.Ordinal).ToList(), cancellationToken);
}
