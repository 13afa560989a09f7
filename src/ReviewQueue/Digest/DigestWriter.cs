using Microsoft.Extensions.Options;
using MimeKit;
using ReviewQueue.Configuration;
using ReviewQueue.Core.Digest;
using ReviewQueue.Core.Mail;
using ReviewQueue.Storage;

namespace ReviewQueue.Digest;

/// <summary>
/// Writes a subscription's digest: what waits (the source) and its links (dashboard, unsubscribe, archive). It sends
/// nothing, so it needs none of the SMTP settings but the From address it is given: `digest preview` uses it alone.
/// </summary>
public sealed class DigestWriter(IDigestSource source, IOptions<DigestOptions> digest, IOptions<WebOptions> web, ListArchive archive,
    DigestStore store, TimeProvider time)
{
    /// <summary>
    /// The address's next digest as it would be with what waits now (null: nothing to say), labelled with that digest's
    /// period: the one due now while it has no digest, else the schedule's next (not the running one, which a subscription
    /// made after it never gets and whose digest may have gone out already).
    /// </summary>
    public async Task<MimeMessage?> PreviewAsync(DigestSubscription subscription, MailboxAddress from, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var period = DigestSchedule.DuePeriod(subscription.Every, subscription.Created, now) is { } due
            && !await store.HasPeriodAsync(subscription.Id, due, cancellationToken)
                ? due
                : DigestSchedule.Next(subscription.Every, now) is { } next ? DigestSchedule.Key(next) : "preview";
        return await ComposeAsync(subscription, period, now, from, cancellationToken);
    }

    /// <summary>The digest of one period, with a new Message-ID; null when nothing waits that the subscription wants.</summary>
    public async Task<MimeMessage?> ComposeAsync(DigestSubscription subscription, string period, DateTimeOffset now, MailboxAddress from,
        CancellationToken cancellationToken)
    {
        var content = await source.ContentForAsync(subscription, now, cancellationToken);
        if (content is null)
            return null;
        content = content.Only(subscription.Subsystems, subscription.MinAge) with
        {
            Recipient = subscription.Address,
            Period = period,
            Bound = new DigestBound(digest.Value.SeriesPerSection, digest.Value.SeriesPerDigest),
        };
        if (content.IsEmpty)
            return null;
        return DigestMessage.Build(content, Links(subscription), from, DigestMessage.NewMessageId(from), now);
    }

    public DigestLinks Links(DigestSubscription subscription)
    {
        var dashboard = Dashboard();
        return new DigestLinks(dashboard, $"{dashboard}/unsubscribe/{subscription.Token}", archive.Base);
    }

    /// <summary>Digest:DashboardUrl, else the first Web:Urls (where `run` listens: loopback unless configured).</summary>
    public string Dashboard() =>
        (string.IsNullOrWhiteSpace(digest.Value.DashboardUrl)
            ? web.Value.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0]
            : digest.Value.DashboardUrl).TrimEnd('/');
}
