using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using ReviewQueue.Configuration;
using ReviewQueue.Mail.Smtp;
using ReviewQueue.Core.Digest;
using ReviewQueue.Storage;
using ReviewQueue.Core;

namespace ReviewQueue.Digest;

/// <summary>
/// Composes and sends digests. Each digest is recorded (queued, with its whole message) before it
/// is sent and marked sent or failed after; unsent ones are sent again, byte for byte, with the same
/// Message-ID, until the next period's digest is due (then they are dropped, out of date); the ledger allows one digest
/// per subscription and period. A subscription's first
/// digest is its schedule's first occurrence after it was made, or after its schedule last changed.
/// A stop (SIGTERM, Ctrl-C) ends a round between two digests, never inside one: see <see cref="TrySendAsync"/>.
/// </summary>
public sealed partial class DigestDispatch(DigestStore store, DigestWriter writer, IMailSender sender, IOptions<SmtpOptions> smtp,
    TimeProvider time, ILogger<DigestDispatch> log)
{
    /// <summary>How long one attempt may take (SMTP times out after 60 s) before another process may retry it.</summary>
    public static readonly TimeSpan SendLease = TimeSpan.FromMinutes(5);

    /// <param name="Failed">Not sent this time, tried again at the next round.</param>
    /// <param name="Refused">Refused for good by the SMTP server (a 5xx reply such as "User unknown"): not tried again.</param>
    public sealed record Summary(int Sent, int Failed, int Retried, int NothingToSay, int Refused = 0);

    bool linksChecked;

    /// <summary>Retries unsent digests, then sends every subscription's digest for its current period if it has none yet.</summary>
    public async Task<Summary> SendDueAsync(CancellationToken cancellationToken)
    {
        int sent = 0, failed = 0, retried = 0, nothing = 0, refused = 0;
        // A digest that could not go out (SMTP down) is retried until the next period's is due, not after: sent then, it
        // would reach the reader beside the newer one, out of date. As of periods missed while the service was down, the
        // latest goes out.
        var start = time.GetUtcNow();
        foreach (var subscription in await store.ActiveAsync(cancellationToken))
            if (DigestSchedule.DuePeriod(subscription.Every, subscription.Created, start) is { } due)
                await store.DropSupersededAsync(subscription.Id, due, start, cancellationToken);
        foreach (var record in await store.UnsentAsync(cancellationToken))
        {
            using var raw = new MemoryStream(record.Raw);
            var message = await MimeMessage.LoadAsync(raw, cancellationToken);
            if (await ClaimAndSendAsync(record.Id, message, time.GetUtcNow(), cancellationToken) is not { } outcome)
                continue; // another dispatcher is sending it, or crashed doing so less than SendLease ago
            retried++;
            Count(outcome);
        }
        var now = time.GetUtcNow();
        var active = await store.ActiveAsync(cancellationToken);
        if (active.Count > 0 && !linksChecked)
        {
            // Once, at the first round with someone to send to (`run` starts with one).
            linksChecked = true;
            if (!IsPublic(writer.Dashboard()))
                LinksNotPublic(log, active.Count, Counted.Noun(active.Count, "subscription", "subscriptions"), writer.Dashboard());
        }
        foreach (var subscription in active)
        {
            // A new subscription waits for its schedule's next occurrence: the period running when it was made is not its own.
            var period = DigestSchedule.DuePeriod(subscription.Every, subscription.Created, now);
            if (period is null || await store.HasPeriodAsync(subscription.Id, period, cancellationToken))
                continue;
            var message = await writer.ComposeAsync(subscription, period, now, smtp.Value.FromAddress, cancellationToken);
            if (message is null)
            {
                nothing++;
                NothingToSay(log, subscription.Address, period);
                continue;
            }
            using var bytes = new MemoryStream();
            await message.WriteToAsync(bytes, cancellationToken);
            if (await store.QueueAsync(subscription.Id, period, message.MessageId!, bytes.ToArray(), now, cancellationToken) is not { } id)
                continue; // another process recorded this period first
            // Null: another dispatcher took it, or the subscriber unsubscribed meanwhile.
            if (await ClaimAndSendAsync(id, message, now, cancellationToken) is { } outcome)
                Count(outcome);
        }
        return new Summary(sent, failed, retried, nothing, refused);

        void Count(Outcome outcome)
        {
            if (outcome == Outcome.Sent)
                sent++;
            else if (outcome == Outcome.Failed)
                failed++;
            else
                refused++;
        }
    }

    enum Outcome { Sent, Failed, Refused }

    /// <summary>
    /// Claims a recorded digest and, when this caller got it, sends it; null when the claim went elsewhere. A stop ends the
    /// round here, before the claim: a claimed digest is sent and recorded to the end (see <see cref="TrySendAsync"/>).
    /// </summary>
    async Task<Outcome?> ClaimAndSendAsync(long id, MimeMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!await store.ClaimAsync(id, now, SendLease, CancellationToken.None))
            return null;
        return await TrySendAsync(id, message);
    }

    /// <summary>
    /// Hands one claimed digest over and records what came of it, whatever the caller's token says: an SMTP server that has
    /// the whole message delivers it even when the client leaves before its answer (Postfix does), so a send cut short by a
    /// stop, or an answer left unrecorded, would send the digest again once its claim expired. MailKit's timeout (60 s)
    /// bounds the wait.
    /// </summary>
    async Task<Outcome> TrySendAsync(long id, MimeMessage message)
    {
        var cancellationToken = CancellationToken.None; // on purpose, see above
        try
        {
            var answer = await sender.SendAsync(message, cancellationToken);
            await store.MarkSentAsync(id, time.GetUtcNow(), cancellationToken);
            Sent(log, message.To.ToString(), message.MessageId ?? "", answer);
            return Outcome.Sent;
        }
        catch (Exception e) when (SmtpFailure.IsPermanent(e))
        {
            // Sent again, a 5xx ("User unknown", "Relay access denied") is refused again: every round, for ever, and each new
            // period's digest with it. Said once, loudly; the subscription stays, so the next period tries anew.
            await store.MarkRefusedAsync(id, $"{e.GetType().Name}: {e.Message}", cancellationToken);
            Refused(log, message.To.ToString(), message.MessageId ?? "", e.Message);
            return Outcome.Refused;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Any other failure to hand the mail over (network, a 4xx, disk) is retried on the next round.
            await store.MarkFailedAsync(id, $"{e.GetType().Name}: {e.Message}", cancellationToken);
            SendFailed(log, message.To.ToString(), message.MessageId ?? "", e.GetType().Name, e.Message);
            return Outcome.Failed;
        }
    }

    /// <summary>Whether a reader elsewhere could follow a link to this base: not loopback, not a wildcard listen address.</summary>
    public static bool IsPublic(string dashboard)
    {
        if (!Uri.TryCreate(dashboard, UriKind.Absolute, out var uri))
            return false; // "http://*:5080", "http://+:5080": a listen address, no host to link to
        return !uri.IsLoopback && uri.Host is not ("0.0.0.0" or "[::]");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest for {Recipient} ({MessageId}) sent: {Answer}")]
    static partial void Sent(ILogger logger, string recipient, string messageId, string answer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest for {Recipient} ({MessageId}) not sent, will retry: {Error}: {Detail}")]
    static partial void SendFailed(ILogger logger, string recipient, string messageId, string error, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Digest for {Recipient} ({MessageId}) refused by the SMTP server, not sent again: {Detail} " +
        "(check the address, or Smtp:From and the server's relay rules; the next period's digest is tried anew)")]
    static partial void Refused(ILogger logger, string recipient, string messageId, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digests to {Subscriptions} {SubscriptionNoun} link to {Dashboard}, which a reader on " +
        "another machine cannot reach (its series and unsubscribe links fail): set Digest:DashboardUrl to the dashboard's public URL")]
    static partial void LinksNotPublic(ILogger logger, int subscriptions, string subscriptionNoun, string dashboard);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Digest for {Recipient}, period {Period}: nothing waits, nothing sent")]
    static partial void NothingToSay(ILogger logger, string recipient, string period);
}
