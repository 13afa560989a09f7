using System.Diagnostics;

namespace ReviewQueue.Benchmarks;

/// <summary>
/// The import's course in time (`import --timeline`): when each batch was about to commit and each rebuild step
/// ended, with the CPU the process had used by then, so a run shows where the time goes: the first batches (code
/// run for the first time), the batches after them (the import's steady rate), and the rebuild.
/// </summary>
public sealed class Timeline
{
    readonly List<(string Step, double Ms, double CpuMs)> steps = [];
    Stopwatch clock = new();
    double startCpu;

    public void Start(Stopwatch started)
    {
        clock = started;
        startCpu = Environment.CpuUsage.TotalTime.TotalMilliseconds;
    }

    public void Step(string name)
    {
        var at = (name, clock.Elapsed.TotalMilliseconds, Environment.CpuUsage.TotalTime.TotalMilliseconds - startCpu);
        lock (steps)
            steps.Add(at);
    }

    public void Print(int mails, int batchSize)
    {
        List<(string Step, double Ms, double CpuMs)> all;
        lock (steps)
            all = [.. steps];
        var batches = all.Where(s => s.Step == "batch").ToList();
        Console.WriteLine($"timeline   ms since the import began / CPU ms used since (CPU at the start: {startCpu:0} ms)");
        if (batches.Count == 0)
            return;
        // The first two batches, then about every tenth, then the last.
        var shown = new SortedSet<int> { 0, Math.Min(1, batches.Count - 1), batches.Count - 1 };
        for (int i = 0; i < batches.Count; i += Math.Max(1, batches.Count / 10))
            shown.Add(i);
        foreach (int i in shown)
            Console.WriteLine($"  batch {i + 1,5}  {batches[i].Ms,7:0} / {batches[i].CpuMs,7:0}");
        if (batches.Count > 3)
        {
            // Batches 3..last: the rate once the code has run (every batch but the last holds batchSize mails).
            var (from, to) = (batches[1], batches[^1]);
            int counted = Math.Max(0, mails - 2 * batchSize);
            Console.WriteLine($"  batches 3..{batches.Count}: {counted / ((to.Ms - from.Ms) / 1000):0} mails/s, {(to.CpuMs - from.CpuMs) / (to.Ms - from.Ms):0.00} cores busy");
        }
        // A rebuild in batches ends its first steps once a batch: the last time each, and how many.
        foreach (var step in all.Where(s => s.Step != "batch").GroupBy(s => s.Step))
        {
            var (last, count) = (step.Last(), step.Count());
            Console.WriteLine($"  {(count > 1 ? $"{step.Key} (×{count})" : step.Key),-16} {last.Ms,7:0} / {last.CpuMs,7:0}");
        }
    }
}
