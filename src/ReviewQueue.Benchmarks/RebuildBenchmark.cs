using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Import;
using ReviewQueue.Series;

namespace ReviewQueue.Benchmarks;

/// <summary>
/// The series projection alone: imports one mbox once (no rebuild), then times RebuildAsync several
/// times with the time of each step. The clock is fixed (--now), so every run of every build writes the
/// same ledger, and --dump writes the tables a rebuild touches as text to compare builds by.
/// </summary>
public static class RebuildBenchmark
{
    static readonly string[] Tables =
        ["events", "topics", "topic_messages", "debt_subsystems", "debt_waiting", "debt_people", "debt_history", "meta",
         "message_subsystems", "subsystems"];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("rebuild: give an existing mbox");
            return 66;
        }
        int runs = int.Parse(ImportBenchmark.Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        var now = DateTimeOffset.Parse(ImportBenchmark.Option(args, "--now") ?? "2026-11-27T00:00:00Z", CultureInfo.InvariantCulture);
        var dump = ImportBenchmark.Option(args, "--dump");
        bool keep = args.Contains("--keep");
        var dir = Path.Combine(Path.GetTempPath(), $"rq-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var db = Path.Combine(dir, "bench.db");
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ledger:Database"] = db,
                // Sections to map series to (else all is THE REST): MAINTAINERS and the tree's file list.
                ["Maintainers:File"] = ImportBenchmark.Option(args, "--maintainers"),
                ["Maintainers:TreeFiles"] = ImportBenchmark.Option(args, "--tree-files"),
            }).Build();
            var collection = new ServiceCollection().AddReviewQueue(configuration);
            collection.AddSingleton<TimeProvider>(new FixedClock(now));
            await using var services = collection.BuildServiceProvider();
            var import = services.GetRequiredService<MailImport>();
            var projection = services.GetRequiredService<SeriesProjection>();

            using (var stream = File.OpenRead(args[0]))
                await import.ImportAsync(new MboxReader(stream, args[0]).Read(), listId: null, CancellationToken.None);

            // When each step ends, in wall time and in the process's CPU time (all threads, GC included; on a
            // shared machine the steadier of the two), since the rebuild began. Steps on two lines of work at
            // once end in either order: the table lists them in the order of the first run.
            var steps = new List<string>();
            var wall = new List<Dictionary<string, double>>();
            var cpu = new List<Dictionary<string, double>>();
            var heap = new List<Dictionary<string, double>>();
            for (int run = 0; run < runs; run++)
            {
                var (wallAt, cpuAt, heapAt) = (new Dictionary<string, double>(), new Dictionary<string, double>(), new Dictionary<string, double>());
                var clock = Stopwatch.StartNew();
                var cpuStart = Environment.CpuUsage.TotalTime;
                long allocated = GC.GetTotalAllocatedBytes(precise: true);
                var (gen0, gen2, paused) = (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration());
                var gate = new Lock();
                var result = await projection.RebuildAsync(step =>
                {
                    lock (gate)
                    {
                        // A ledger assembled in batches ends "load" and "assemble" once per batch: the last end counts.
                        if (run == 0 && !steps.Contains(step))
                            steps.Add(step);
                        wallAt[step] = clock.Elapsed.TotalMilliseconds;
                        cpuAt[step] = (Environment.CpuUsage.TotalTime - cpuStart).TotalMilliseconds;
                        heapAt[step] = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
                    }
                }, CancellationToken.None);
                wall.Add(wallAt);
                cpu.Add(cpuAt);
                heap.Add(heapAt);
                Console.WriteLine($"run {run + 1}: allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:0} MB, " +
                    $"GCs gen0 {GC.CollectionCount(0) - gen0} gen2 {GC.CollectionCount(2) - gen2}, paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:0} ms, " +
                    $"topic rows written {result.RowsChanged}");
                if (run == 0)
                    Console.WriteLine($"mails {result.Mails}, topics {result.Topics}, new events {result.NewEvents}");
            }

            Console.WriteLine("ms (and MB allocated) since the rebuild began when each step ended; medians of runs 2..N");
            Console.WriteLine($"{"step ends",-16}{"wall 1",8}{"cpu 1",8}{"MB 1",6}{"wall 2..",10}{"cpu 2..",9}  wall per run");
            foreach (var step in steps)
                Console.WriteLine($"{step,-16}{wall[0][step],8:0.0}{cpu[0][step],8:0.0}{heap[0][step],6:0}{Median(wall, step),10:0.0}{Median(cpu, step),9:0.0}  " +
                    string.Join(" ", wall.Select(t => t[step].ToString("0.0", CultureInfo.InvariantCulture))));
            if (dump is not null)
            {
                await File.WriteAllTextAsync(dump, Dump(db));
                Console.WriteLine($"dump       {dump}");
            }
            if (keep)
                Console.WriteLine($"ledger     {db}");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (!keep)
                Directory.Delete(dir, recursive: true);
        }
    }

    static double Median(List<Dictionary<string, double>> runs, string step)
    {
        var warm = runs.Skip(1).Select(t => t[step]).Order().ToList();
        return warm.Count == 0 ? double.NaN : warm[warm.Count / 2];
    }

    /// <summary>Every row of the tables a rebuild writes, each table sorted by all of its columns.</summary>
    static string Dump(string db)
    {
        var text = new StringBuilder();
        using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly");
        c.Open();
        foreach (var table in Tables)
        {
            using var count = c.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}')";
            long columns = (long)count.ExecuteScalar()!;
            using var select = c.CreateCommand();
            select.CommandText = $"SELECT * FROM {table} ORDER BY {string.Join(", ", Enumerable.Range(1, (int)columns))}";
            using var reader = select.ExecuteReader();
            text.Append("== ").AppendLine(table);
            while (reader.Read())
            {
                for (int i = 0; i < reader.FieldCount; i++)
                    text.Append(i == 0 ? "" : "\t").Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
                text.AppendLine();
            }
        }
        return text.ToString();
    }

    sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
