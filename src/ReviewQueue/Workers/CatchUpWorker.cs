using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.Core;

namespace ReviewQueue.Workers;

/// <summary>
/// Serves the ledger for other processes: holds its <see cref="ServiceLock"/> while `run` runs, and every
/// <see cref="Every"/> assembles the mail they stored and left to the service (a mail server's `import -` per
/// message), in one rebuild for whatever arrived meanwhile. A look costs one indexed query while nothing was appended.
/// While the last rebuild rests (<see cref="SeriesProjection.RestFactor"/>) it waits for a later look, which assembles
/// what the IMAP rounds stored meanwhile.
/// </summary>
public sealed partial class CatchUpWorker(Ledger ledger, EventStore events, SeriesProjection projection, ReadingStamp reading,
    TimeProvider time, ILogger<CatchUpWorker> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ServiceLock? held = null;
        try
        {
            long seen = -1;
            using var timer = new PeriodicTimer(Every, time);
            do
            {
                // Another `run` may hold it (it serves), or an import's look may have held it a moment at our start.
                held ??= ServiceLock.TryTake(ledger);
                try
                {
                    long newest = await events.MaxIdAsync(stoppingToken);
                    if (newest == seen)
                        continue;
                    // A ledger due for reindex is read again and assembled whole by the service at start
                    // (ReadingStampWorker); assembling its old facts first was a rebuild for nothing, and an upgraded
                    // ledger without the rebuild marker was logged as all its mail stored since the last rebuild.
                    if (reading.Staleness() is not null)
                        continue;
                    // Mail keeps coming and the last rebuild rests (SeriesProjection.RestFactor): a later look assembles it.
                    if (projection.Resting)
                        continue;
                    if (await projection.IsBehindAsync(stoppingToken) && await projection.CatchUpAsync(null, stoppingToken) is { } result)
                        CaughtUp(log, result.MailsSinceLast, Counted.Noun(result.MailsSinceLast, "mail", "mails"), result.Topics,
                            Counted.Noun(result.Topics, "topic", "topics"));
                    // What the rebuild appends (or mail stored while it ran) changes the newest id again: the next look
                    // asks once more whether anything is left, so mail stored during a rebuild is not passed over.
                    seen = newest;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A locked or failing ledger now is no reason to stop serving: the next look tries again.
                    Failed(log, e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            held?.Dispose();
        }
    }

    // The mail may be another process's (`import -`) or this service's own IMAP sync's, stored a moment before its rebuild:
    // a look between the two finds the ledger behind too, and nothing tells them apart.
    [LoggerMessage(Level = LogLevel.Information, Message = "Assembled mail stored since the last rebuild (by `import -` or this service's IMAP sync): {Mails} {MailNoun}, {Topics} {TopicNoun}")]
    static partial void CaughtUp(ILogger logger, int mails, string mailNoun, int topics, string topicNoun);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catching up with stored mail failed, trying again shortly: {Reason}")]
    static partial void Failed(ILogger logger, string reason);
}
