using System.Diagnostics;

namespace ReviewQueue.Benchmarks;

/// <summary>
/// Prints, once a second while it lives, the managed heap and the process's resident memory, so a peak
/// can be placed in the run (import or rebuild) and told apart from memory the runtime merely keeps.
/// </summary>
public sealed class MemoryProbe : IDisposable
{
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly Timer timer;

    public MemoryProbe() => timer = new Timer(_ => Print(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    void Print()
    {
        var gc = GC.GetGCMemoryInfo();
        Console.WriteLine($"probe      {clock.Elapsed.TotalSeconds,5:0.0} s  heap {GC.GetTotalMemory(false) / 1048576.0,6:0} MB  " +
            $"after last GC {gc.HeapSizeBytes / 1048576.0,6:0} MB  committed {gc.TotalCommittedBytes / 1048576.0,6:0} MB  " +
            $"RSS {Status("VmRSS:"),6:0} MB");
    }

    public void Dispose() => timer.Dispose();

    public static double PeakRssMb() => Status("VmHWM:");

    static double Status(string key)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith(key, StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        return double.NaN;
    }
}
