using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewQueue.Series;

namespace ReviewQueue.Workers;

/// <summary>
/// At start, a ledger whose mail an earlier ReviewQueue read by other rules is read again (`reindex`), so the service
/// answers by its own rules after an upgrade without the operator having to know.
/// </summary>
public sealed partial class ReadingStampWorker(ReadingStamp reading, Reindexer reindexer, ILogger<ReadingStampWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // start-up goes on meanwhile
        if (!reading.IsStale())
            return;
        Reading(log);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await reindexer.RunAsync(stoppingToken);
        Read(log, result.Messages, result.Projection.Topics, clock.Elapsed.TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ledger's mail was read by an earlier ReviewQueue: reading it again (reindex)")]
    static partial void Reading(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read again {Messages} messages into {Topics} topics in {Seconds:0.0} s")]
    static partial void Read(ILogger logger, int messages, int topics, double seconds);
}
