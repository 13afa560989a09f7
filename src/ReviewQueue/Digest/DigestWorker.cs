using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewQueue.Configuration;

namespace ReviewQueue.Digest;

/// <summary>
/// Sends due digests while `run` runs: every Digest:CheckInterval it retries unsent digests and
/// sends each subscription's digest once per period of its cron schedule.
/// </summary>
public sealed partial class DigestWorker(DigestDispatch dispatch, IOptions<DigestOptions> options, TimeProvider time,
    ILogger<DigestWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatch.SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Microsoft.Data.Sqlite.SqliteException e)
            {
                StorageFailed(log, e.Message);
            }
            try
            {
                await Task.Delay(options.Value.CheckInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digests: the ledger failed ({Detail}); trying again at the next check")]
    static partial void StorageFailed(ILogger logger, string detail);
}
