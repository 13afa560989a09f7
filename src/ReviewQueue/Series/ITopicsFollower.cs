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

/// <summary>One refresh of a follower, fed the topics in batches.</summary>
public interface ITopicsRefresh
{
    /// <summary>Some of the topics, each whole and given once; any split and any order. Called by one thread at a time.</summary>
    void Add(IReadOnlyList<Topic> topics);

    /// <summary>Every topic was added: store what was measured.</summary>
    Task EndAsync(CancellationToken cancellationToken);
}

public static class TopicsFollowing
{
    /// <summary>One refresh given every topic at once: begin, add them all, end.</summary>
    public static async Task RefreshAsync(this ITopicsFollower follower, IReadOnlyList<Topic> topics, CancellationToken cancellationToken)
    {
        var refresh = await follower.BeginAsync(cancellationToken);
        refresh.Add(topics);
        await refresh.EndAsync(cancellationToken);
    }
}
