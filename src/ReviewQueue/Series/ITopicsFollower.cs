using ReviewQueue.Core.Series;

namespace ReviewQueue.Series;

/// <summary>Something derived from the topics (review debt) that is refreshed each time they are rebuilt.</summary>
public interface ITopicsFollower
{
    /// <param name="topics">The topics as just assembled from every event.</param>
    Task RefreshAsync(IReadOnlyList<Topic> topics, CancellationToken cancellationToken);
}
