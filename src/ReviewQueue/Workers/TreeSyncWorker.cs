using LibGit2Sharp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Data.Sqlite;
using ReviewQueue.Configuration;
using ReviewQueue.Trees;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ReviewQueue.Workers;

/// <summary>Syncs the watched trees every TreeSync:Interval while `run` runs.</summary>
public sealed partial class TreeSyncWorker(
    IOptions<TreeList> trees, IOptions<TreeSyncOptions> options, TreeSync sync, TimeProvider time, ILogger<TreeSyncWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (trees.Value.Trees.Count == 0)
            return;
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await sync.SyncAsync(null, stoppingToken);
            }
            catch (Exception e) when (e is LibGit2SharpException or SqliteException or IOException)
            {
                // The next tick tries again; a broken tree must not stop the service.
                SyncFailed(log, e.Message);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Tree sync failed, retrying at the next interval: {Reason}")]
    static partial void SyncFailed(ILogger logger, string reason);
}
