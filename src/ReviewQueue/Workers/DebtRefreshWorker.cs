using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.Core;
using ReviewQueue.Core.Review;

namespace ReviewQueue.Workers;

/// <summary>
/// Ages grow while no mail arrives: once a day has passed since the stored debt was computed, the
/// projection is rebuilt so the backlog, the dashboard and today's history row are of today. (Mail stored
/// but not assembled, by a stopped run or a delivery that left it to the service, is CatchUpWorker's.) People stored under
/// another .mailmap than the service's are refreshed too: until then each look at them counts them again from the events.
/// </summary>
public sealed partial class DebtRefreshWorker(DebtStore store, SeriesProjection projection, ISubsystemMap map, TimeProvider time,
    ILogger<DebtRefreshWorker> log) : BackgroundService
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
            bool newDay = day < time.GetUtcNow().UtcDateTime.Date;
            if (!newDay && (await store.MetaAsync(DebtStore.PeopleMailmapKey, stoppingToken) ?? "") == map.Mailmap.Signature)
                continue;
            var result = await projection.RebuildAsync(stoppingToken);
            Refreshed(log, newDay ? "a new day" : "another .mailmap", result.Topics, Counted.Noun(result.Topics, "topic", "topics"));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Review debt refreshed for {Reason} over {Topics} {TopicNoun}")]
    static partial void Refreshed(ILogger logger, string reason, int topics, string topicNoun);
}
