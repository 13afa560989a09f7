using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.Core;

namespace ReviewQueue.Workers;

/// <summary>
/// Ages grow while no mail arrives: once a day has passed since the stored debt was computed, the
/// projection is rebuilt so the backlog, the dashboard and today's history row are of today. (Mail stored
/// but not assembled, by a stopped run or a delivery that left it to the service, is CatchUpWorker's.)
/// </summary>
public sealed partial class DebtRefreshWorker(DebtStore store, SeriesProjection projection, TimeProvider time, ILogger<DebtRefreshWorker> log)
    : BackgroundService
{
    static readonly TimeSpan Every = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var asOf = await store.MetaAsync(DebtStore.AsOfKey, stoppingToken);
            if (asOf is null)
                continue; // nothing assembled yet: the first import refreshes it
            var day = DateTimeOffset.Parse(asOf, CultureInfo.InvariantCulture).UtcDateTime.Date;
            if (day >= time.GetUtcNow().UtcDateTime.Date)
                continue;
            var result = await projection.RebuildAsync(stoppingToken);
            Refreshed(log, result.Topics, Counted.Noun(result.Topics, "topic", "topics"));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Review debt refreshed for a new day over {Topics} {TopicNoun}")]
    static partial void Refreshed(ILogger logger, int topics, string topicNoun);
}
