using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewQueue.Configuration;
using ReviewQueue.Import;
using ReviewQueue.Storage;

namespace ReviewQueue.Workers;

/// <summary>On a ledger that has not seen them yet, imports the configured demo mail (Samples:Mail) once.</summary>
public sealed partial class SamplesImportWorker(
    IOptions<SamplesOptions> options, ImportRunner runner, MetaStore meta, ILogger<SamplesImportWorker> log) : BackgroundService
{
    const string Key = "samples-imported";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var paths = options.Value.Mail;
        if (paths.Count == 0)
            return;
        var marker = string.Join(";", paths.Select(Path.GetFullPath));
        if (await meta.GetAsync(Key, stoppingToken) == marker)
            return;
        var summary = await runner.RunAsync(paths, listId: null, showProgress: false, stdin: null, stoppingToken);
        await meta.SetAsync(Key, marker, stoppingToken);
        Imported(log, summary.Read, summary.New, summary.Rejected, string.Join(", ", paths));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported the demo mail: read {Read}, new {New}, rejected {Rejected} from {Paths}")]
    static partial void Imported(ILogger logger, int read, int @new, int rejected, string paths);
}
