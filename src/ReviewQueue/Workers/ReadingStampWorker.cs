using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewQueue.Series;
using ReviewQueue.Core;

namespace ReviewQueue.Workers;

/// <summary>
/// At start, a ledger whose mail an earlier ReviewQueue read by other rules, or under another review policy, is read
/// again (`reindex`), so the service answers by its own rules and policy after an upgrade or a policy change without
/// the operator having to know.
/// </summary>
public sealed partial class ReadingStampWorker(ReadingStamp reading, Reindexer reindexer, ILogger<ReadingStampWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // start-up goes on meanwhile
        if (reading.Staleness() is not { } why)
            return;
        Reading(log, why);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await reindexer.RunAsync(stoppingToken);
        Read(log, result.Messages, Counted.Noun(result.Messages, "message", "messages"), result.Projection.Topics,
            Counted.Noun(result.Projection.Topics, "topic", "topics"), clock.Elapsed.TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the ledger's mail again (reindex): {Why}")]
    static partial void Reading(ILogger logger, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read again {Messages} {MessageNoun} into {Topics} {TopicNoun} in {Seconds:0.0} s")]
    static partial void Read(ILogger logger, int messages, string messageNoun, int topics, string topicNoun, double seconds);
}
