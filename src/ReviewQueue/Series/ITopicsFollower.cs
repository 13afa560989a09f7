using ReviewQueue.Core.Series;

namespace ReviewQueue.Series;

/// <summary>
/// Something derived from the topics (review debt, the sections of each series) that is refreshed each time they
/// are rebuilt. The rebuild hands the topics over in batches so that nobody needs all of them at once: a follower
/// keeps what it measures from them, never the topics.
/// </summary>
public interface ITopicsFollower
{
    /// <summary>Starts one refresh. The rebuild then hands the refresh every topic exactly once, in batches, then ends it.</summary>
    Task<ITopicsRefresh> BeginAsync(CancellationToken cancellationToken);
}

/// <summary>One refresh of a follower, fed the topics in batches; disposed when done or abandoned (a failed rebuild).</summary>
public interface ITopicsRefresh : IAsyncDisposable
{
    /// <summary>
    /// Some of the topics, each whole and given once; any split and any order. Called by one caller at a time. A
    /// follower may write what it can of them here already (what grows with the topics should not be held).
    /// </summary>
    Task AddAsync(IReadOnlyList<Topic> topics, CancellationToken cancellationToken);

    /// <summary>Every topic was added: store what was measured.</summary>
    Task EndAsync(CancellationToken cancellationToken);
}

public static class TopicsFollowing
{
    /// <summary>One refresh given every topic at once: begin, add them all, end.</summary>
    public static async Task RefreshAsync(this ITopicsFollower follower, IReadOnlyList<Topic> topics, CancellationToken cancellationToken)
    {
        await using var refresh = await follower.BeginAsync(cancellationToken);
        await refresh.AddAsync(topics, cancellationToken);
        await refresh.EndAsync(cancellationToken);
    }
}
