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
            var view = await backlog.DebtAsync(args.Text("subsystem", "") is { Length: > 0 } s ? s : null, null, CancellationToken.None);
            bytes = JsonSerializer.Serialize(view, JsonOutput.Options).Length;
            if (i >= 3)
                times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"backlog --json query+serialize over {runs} runs: median {times[times.Count / 2]:F1} ms, p95 {times[(int)Math.Ceiling(times.Count * 0.95) - 1]:F1} ms, max {times[^1]:F1} ms, {bytes / 1024} KiB of JSON");
        return 0;
    }
}
