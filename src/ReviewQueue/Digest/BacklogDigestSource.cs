using ReviewQueue.Core.Digest;
using ReviewQueue.Core.Review;
using ReviewQueue.Debt;
using ReviewQueue.Storage;

namespace ReviewQueue.Digest;

/// <summary>A digest's content from the review backlog as of its last refresh: every section's waiting series.</summary>
public sealed class BacklogDigestSource(Backlog backlog) : IDigestSource
{
    public async Task<DigestContent?> ContentForAsync(DigestSubscription s, DateTimeOffset now, CancellationToken ct)
    {
        var all = await backlog.DebtAsync(null, null, ct);
        if (all is null)
            return null;
        var subsystems = new List<DigestSubsystem>();
        foreach (var debt in all.Subsystems.Where(d => d.OpenSeries > 0))
        {
            var one = await backlog.DebtAsync(debt.Name, null, ct);
            var series = (one?.Waiting ?? []).Select(w => Series(w, now)).ToList();
            if (series.Count > 0)
                subsystems.Add(new DigestSubsystem(debt.Name, series));
        }
        // The dispatch sets Recipient and Period and narrows to the subscription.
        return new DigestContent("", "", subsystems);
    }

    static DigestSeries Series(WaitingSeries w, DateTimeOffset now) =>
        new(w.TopicId, w.Title, w.Version, now - w.FirstPosted, w.ReviewedPatches, w.Patches,
            w.AuthorName ?? w.AuthorEmail ?? "", w.SuggestedReviewers, w.WaitingFixes > 0, w.MessageId, w.Subsystems);
}
