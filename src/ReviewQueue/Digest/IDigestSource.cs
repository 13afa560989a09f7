using ReviewQueue.Core.Digest;
using ReviewQueue.Storage;

namespace ReviewQueue.Digest;

/// <summary>
/// Where a digest's content comes from: the review backlog (series waiting for review, per
/// subsystem). The dispatch narrows the answer to the subscription's subsystems and minimum age
/// and sets Recipient and Period itself; null or empty: nothing to say, nothing is sent.
/// </summary>
public interface IDigestSource
{
    Task<DigestContent?> ContentForAsync(DigestSubscription s, DateTimeOffset now, CancellationToken ct);
}
