using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.Subsystems;
using ReviewQueue.Core;

namespace ReviewQueue.Workers;

/// <summary>
/// Ages grow while no mail arrives: once a day has passed since the stored debt was computed, the
/// projection is rebuilt so the backlog, the dashboard and today's history row are of today. (Mail stored
/// but not assembled, by a stopped run or a delivery that left it to the service, is CatchUpWorker's.) People stored under
/// another .mailmap than the service's are refreshed too: until then each look at them counts them again from the events.
/// MAINTAINERS and the .mailmap are read again when they changed (an operator's edit, a tree's new head), and all is
/// refreshed under them.
/// </summary>
public sealed partial class DebtRefreshWorker(DebtStore store, SeriesProjection projection, MaintainersSubsystems map, TimeProvider time,
    ILogger<DebtRefreshWorker> log) : BackgroundService
{
    /// <summary>How often it looks; tests run the service on a clock whose timers fire sooner.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        bool reread = false;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // Kept until a refresh ends: a MAINTAINERS read again whose refresh failed is refreshed at the next look.
                reread |= map.Reload();
                var asOf = await store.MetaAsync(DebtStore.AsOfKey, stoppingToken);
                if (asOf is null)
                    continue; // nothing assembled yet: the first import refreshes it
                var day = DateTimeOffset.Parse(asOf, CultureInfo.InvariantCulture).UtcDateTime.Date;
                bool newDay = day < time.GetUtcNow().UtcDateTime.Date;
                if (!newDay && !reread && (await store.MetaAsync(DebtStore.PeopleMailmapKey, stoppingToken) ?? "") == map.Mailmap.Signature)
                    continue;
                var result = await projection.RebuildAsync(stoppingToken);
                Refreshed(log, newDay ? "a new day" : reread ? "a changed MAINTAINERS or .mailmap" : "another .mailmap", result.Topics,
                    Counted.Noun(result.Topics, "topic", "topics"));
                reread = false;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A locked or failing ledger now is no reason to stop serving: the next look tries again.
                Failed(log, Every, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Review debt refreshed for {Reason} over {Topics} {TopicNoun}")]
    static partial void Refreshed(ILogger logger, string reason, int topics, string topicNoun);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the review debt failed, trying again in {Every}: {Reason}")]
    static partial void Failed(ILogger logger, TimeSpan every, string reason);
}
