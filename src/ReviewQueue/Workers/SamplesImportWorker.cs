using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewQueue.Configuration;
using ReviewQueue.Import;
using ReviewQueue.Storage;
using ReviewQueue.Core;

namespace ReviewQueue.Workers;

/// <summary>
/// Imports the configured demo mail (Samples:Mail) once, into a new ledger only: a ledger that already holds
/// mail (a list's archive, an IMAP account's) is real, and demo series must not count in its review debt.
/// </summary>
public sealed partial class SamplesImportWorker(
    IOptions<SamplesOptions> options, ImportRunner runner, MetaStore meta, MessageStore messages, ILogger<SamplesImportWorker> log)
    : BackgroundService
{
    const string Key = "samples-imported";

    /// <summary>Set before the demo's first batch: a run stopped part way finishes the demo when it starts again.</summary>
    const string StartedKey = "samples-importing";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var paths = options.Value.Paths;
        if (paths.Count == 0)
            return;
        var marker = string.Join(";", paths.Select(Path.GetFullPath));
        if (await meta.GetAsync(Key, stoppingToken) == marker)
            return;
        if (await meta.GetAsync(StartedKey, stoppingToken) != marker)
        {
            long held = await messages.CountAsync(stoppingToken);
            if (held > 0)
            {
                NotNew(log, held, Counted.Noun(held, "message", "messages"), string.Join(", ", paths));
                return;
            }
            await meta.SetAsync(StartedKey, marker, stoppingToken);
        }
        var summary = await runner.RunAsync(paths, listId: null, showProgress: false, stdin: null, stoppingToken);
        await meta.SetAsync(Key, marker, stoppingToken);
        Imported(log, summary.Read, summary.New, summary.Rejected, string.Join(", ", paths));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported the demo mail: read {Read}, new {New}, rejected {Rejected} from {Paths}")]
    static partial void Imported(ILogger logger, int read, int @new, int rejected, string paths);

    [LoggerMessage(Level = LogLevel.Information, Message = "The ledger already holds mail ({Held} {MessageNoun}): the demo mail ({Paths}) is imported into a new ledger only")]
    static partial void NotNew(ILogger logger, long held, string messageNoun, string paths);
}
