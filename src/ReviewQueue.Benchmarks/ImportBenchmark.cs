using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Import;

namespace ReviewQueue.Benchmarks;

/// <summary>End-to-end import of one path into a new ledger, as `reviewqueue import` does it, with throughput and peak memory.</summary>
public static class ImportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !File.Exists(args[0]) && !Directory.Exists(args[0]))
        {
            Console.Error.WriteLine("import: give an existing mbox, maildir or public-inbox epoch");
            return 66;
        }
        var path = args[0];
        var batch = Option(args, "--batch") ?? "100";
        bool keep = args.Contains("--keep");
        int warm = int.Parse(Option(args, "--warm") ?? "0");
        // Mails the topics rebuild assembles at a time (SeriesProjection.BatchMails), to weigh memory against time.
        int? groupBatch = Option(args, "--rebuild-batch") is { } b ? int.Parse(b) : null;
        // When each batch committed and each rebuild step ended, with the CPU the process had used by then.
        var timeline = args.Contains("--timeline") ? new Timeline() : null;
        string? maintainers = Option(args, "--maintainers"), treeFiles = Option(args, "--tree-files");
        var dir = Path.Combine(Path.GetTempPath(), $"rq-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var db = Path.Combine(dir, "bench.db");
        using var probe = args.Contains("--probe") ? new MemoryProbe() : null;
        // Every collection: when, which generation, why, how long it paused the threads.
        using var gcLog = args.Contains("--gc") ? new GcLog() : null;
        try
        {
            var bytes = File.Exists(path) ? new FileInfo(path).Length : 0;
            // Warm-up imports, each into a ledger of its own: the timed one then runs as in a long-running
            // service (code jitted and tiered), not as a fresh `reviewqueue import` process.
            for (int w = 0; w < warm; w++)
            {
                var (seconds, _) = await ImportAsync(Path.Combine(dir, $"warm-{w}.db"), batch, path, groupBatch, null, maintainers, treeFiles);
                Console.WriteLine($"warm-up    {w + 1}: {seconds:0.00} s");
            }
            var (elapsed, summary) = await ImportAsync(db, batch, path, groupBatch, timeline, maintainers, treeFiles);
            Console.WriteLine($"input      {path} ({bytes / 1048576.0:0.0} MB, {summary.Sources[0].Format})");
            Console.WriteLine($"messages   read {summary.Read}, new {summary.New}, duplicate {summary.Duplicate}, rejected {summary.Rejected}");
            Console.WriteLine($"elapsed    {elapsed:0.00} s (batch {batch}, {Environment.ProcessorCount} cores{(warm > 0 ? $", after {warm} warm-up imports" : "")})");
            Console.WriteLine($"throughput {summary.Read / elapsed:0} messages/s, {bytes / 1048576.0 / elapsed:0.0} MB/s");
            Console.WriteLine($"peak RSS   {MemoryProbe.PeakRssMb():0} MB (VmHWM)");
            Console.WriteLine($"runtime    GC pauses {GC.GetTotalPauseDuration().TotalSeconds:0.00} s (collections gen0 {GC.CollectionCount(0)}, " +
                $"gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}), JIT {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:0.00} s " +
                $"({System.Runtime.JitInfo.GetCompiledMethodCount()} methods), CPU {Environment.CpuUsage.TotalTime.TotalSeconds:0.00} s, allocated {GC.GetTotalAllocatedBytes() / 1048576.0:0} MB");
            Console.WriteLine($"ledger     {new FileInfo(db).Length / 1048576.0:0.0} MB{(keep ? " at " + db : "")}");
            timeline?.Print(summary.Read, int.Parse(batch));
            gcLog?.Print();
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (!keep)
                Directory.Delete(dir, recursive: true);
        }
    }

    static async Task<(double Seconds, ImportSummary Summary)> ImportAsync(string db, string batch, string path, int? groupBatch, Timeline? timeline,
        string? maintainers, string? treeFiles)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ledger:Database"] = db,
            ["Import:BatchSize"] = batch,
            // Sections to map series to, as a deployment has them (else all is THE REST): MAINTAINERS and the tree's file list.
            ["Maintainers:File"] = maintainers,
            ["Maintainers:TreeFiles"] = treeFiles,
        }).Build();
        await using var services = new ServiceCollection().AddReviewQueue(configuration).BuildServiceProvider();
        var runner = services.GetRequiredService<ImportRunner>();
        if (groupBatch is { } mails)
        {
            var projection = services.GetRequiredService<ReviewQueue.Series.SeriesProjection>();
            projection.BatchMails = mails;
            projection.WholeLedgerMails = Math.Min(mails, projection.WholeLedgerMails);
        }
        var clock = Stopwatch.StartNew();
        timeline?.Start(clock);
        var summary = await runner.RunAsync([path], listId: null, showProgress: false, stdin: null, CancellationToken.None, timeline is null ? null : timeline.Step);
        return (clock.Elapsed.TotalSeconds, summary);
    }

    /// <summary>The value after "--name", for the modes that read their options one at a time.</summary>
    internal static string? Option(string[] args, string name) => new Arguments(args).Value(name);
}
