using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Commands;
using ReviewQueue.Debt;

namespace ReviewQueue.Benchmarks;

/// <summary>Times what `backlog --json` does after start-up: the stored debt read, objects rebuilt, JSON written.</summary>
public static class DebtTiming
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ledger:Database"] = args.Text("db"),
            ["Review:Seeds"] = args.Text("seeds", Path.Combine(AppContext.BaseDirectory, "seeds")),
        }).Build();
        await using var services = new ServiceCollection().AddReviewQueue(configuration).BuildServiceProvider();
        var backlog = services.GetRequiredService<Backlog>();
        int runs = args.Int("runs", 30);
        var times = new List<double>();
        int bytes = 0;
        for (int i = 0; i < runs + 3; i++)
        {
            var clock = Stopwatch.StartNew();
            var name = args.Text("subsystem", "") is { Length: > 0 } s ? s : null;
            // What backlog --json does: the stored JSON for every section, else the rows of one section.
            bytes = (name is null ? await backlog.StoredJsonAsync(CancellationToken.None) : null)?.Length
                ?? DebtJson.Serialize(await backlog.DebtAsync(name, null, CancellationToken.None)).Length;
            if (i >= 3)
                times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        var store = services.GetRequiredService<ReviewQueue.Storage.DebtStore>();
        var read = Stopwatch.StartNew();
        var rows = await store.SubsystemsAsync(null, CancellationToken.None);
        var readMs = read.Elapsed.TotalMilliseconds;
        var parse = Stopwatch.StartNew();
        var objects = rows.Select(DebtJson.Read<ReviewQueue.Core.Review.SubsystemDebt>).ToList();
        var parseMs = parse.Elapsed.TotalMilliseconds;
        var write = Stopwatch.StartNew();
        _ = DebtJson.Serialize(objects);
        Console.WriteLine($"  of which: read {readMs:F1} ms, parse {parseMs:F1} ms, write {write.Elapsed.TotalMilliseconds:F1} ms");
        Console.WriteLine($"backlog --json query+serialize over {runs} runs: median {times[times.Count / 2]:F1} ms, p95 {times[(int)Math.Ceiling(times.Count * 0.95) - 1]:F1} ms, max {times[^1]:F1} ms, {bytes / 1024} KiB of JSON");
        return 0;
    }
}
