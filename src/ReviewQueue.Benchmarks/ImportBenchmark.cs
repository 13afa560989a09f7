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
        var dir = Path.Combine(Path.GetTempPath(), $"rq-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var db = Path.Combine(dir, "bench.db");
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ledger:Database"] = db,
                ["Import:BatchSize"] = batch,
            }).Build();
            await using var services = new ServiceCollection().AddReviewQueue(configuration).BuildServiceProvider();
            var runner = services.GetRequiredService<ImportRunner>();
            var bytes = File.Exists(path) ? new FileInfo(path).Length : 0;

            var clock = Stopwatch.StartNew();
            var summary = await runner.RunAsync([path], listId: null, showProgress: false, stdin: null, CancellationToken.None);
            clock.Stop();

            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"input      {path} ({bytes / 1048576.0:0.0} MB, {summary.Sources[0].Format})");
            Console.WriteLine($"messages   read {summary.Read}, new {summary.New}, duplicate {summary.Duplicate}, rejected {summary.Rejected}");
            Console.WriteLine($"elapsed    {seconds:0.00} s (batch {batch}, {Environment.ProcessorCount} cores)");
            Console.WriteLine($"throughput {summary.Read / seconds:0} messages/s, {bytes / 1048576.0 / seconds:0.0} MB/s");
            Console.WriteLine($"peak RSS   {PeakRssMb():0} MB (VmHWM)");
            Console.WriteLine($"runtime    GC pauses {GC.GetTotalPauseDuration().TotalSeconds:0.00} s (collections gen0 {GC.CollectionCount(0)}, " +
                $"gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}), JIT {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:0.00} s " +
                $"({System.Runtime.JitInfo.GetCompiledMethodCount()} methods), CPU {Environment.CpuUsage.TotalTime.TotalSeconds:0.00} s, allocated {GC.GetTotalAllocatedBytes() / 1048576.0:0} MB");
            Console.WriteLine($"ledger     {new FileInfo(db).Length / 1048576.0:0.0} MB{(keep ? " at " + db : "")}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (!keep)
                Directory.Delete(dir, recursive: true);
        }
    }

    static double PeakRssMb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        return double.NaN;
    }

    internal static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
