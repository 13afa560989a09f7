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

            // Wall time and the process's CPU time (all threads, GC included) of each step: on a shared
            // machine the CPU time is the steadier of the two.
            var steps = new List<string>();
            var wall = new List<List<double>>();
            var cpu = new List<List<double>>();
            for (int run = 0; run < runs; run++)
            {
                var (wallLaps, cpuLaps) = (new List<double>(), new List<double>());
                var clock = Stopwatch.StartNew();
                var cpuStart = Environment.CpuUsage.TotalTime;
                var (lastWall, lastCpu) = (0.0, 0.0);
                var result = await projection.RebuildAsync(step =>
                {
                    if (run == 0)
                        steps.Add(step);
                    double w = clock.Elapsed.TotalMilliseconds, c = (Environment.CpuUsage.TotalTime - cpuStart).TotalMilliseconds;
                    wallLaps.Add(w - lastWall);
                    cpuLaps.Add(c - lastCpu);
                    (lastWall, lastCpu) = (w, c);
                }, CancellationToken.None);
                wallLaps.Add(clock.Elapsed.TotalMilliseconds);
                cpuLaps.Add((Environment.CpuUsage.TotalTime - cpuStart).TotalMilliseconds);
                wall.Add(wallLaps);
                cpu.Add(cpuLaps);
                if (run == 0)
                    Console.WriteLine($"mails {result.Mails}, topics {result.Topics}, new events {result.NewEvents}");
            }
            steps.Add("total");

            Console.WriteLine($"{"step (ms)",-16}{"wall 1",8}{"cpu 1",8}{"wall 2..",10}{"cpu 2..",9}  (medians of runs 2..N)  wall per run");
            for (int i = 0; i < steps.Count; i++)
                Console.WriteLine($"{steps[i],-16}{wall[0][i],8:0.0}{cpu[0][i],8:0.0}{Median(wall, i),10:0.0}{Median(cpu, i),9:0.0}  " +
                    string.Join(" ", wall.Select(t => t[i].ToString("0.0", CultureInfo.InvariantCulture))));
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

    static double Median(List<List<double>> runs, int step)
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
