using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace ReviewQueue.Benchmarks;

/// <summary>
/// Every garbage collection of a run (`import --gc`): when it began, its generation, why the runtime started it, and
/// how long the threads were paused, from the runtime's own GC events; and which types were allocated on the large
/// object heap and the small one (one tick per ~100 KB): the large object heap's budget starts full collections, the
/// small one's the others. Says which collections, and which allocations, are worth avoiding.
/// </summary>
public sealed class GcLog : EventListener
{
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly List<(double Ms, int Generation, string Reason)> starts = [];
    readonly List<double> pauses = [];
    double suspendedAt = -1;
    readonly Dictionary<string, int> ticks = []; // by "large TYPE" or "small TYPE"

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC, with an allocation tick every ~100 KB
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        double now = clock.Elapsed.TotalMilliseconds;
        lock (starts)
        {
            switch (e.EventName)
            {
                case "GCStart_V2":
                    starts.Add((now, Convert.ToInt32(e.Payload![1]), ReasonName(Convert.ToInt32(e.Payload[2]))));
                    break;
                case "GCAllocationTick_V4":
                    var type = (Convert.ToInt32(e.Payload![1]) == 1 ? "large " : "small ") + (e.Payload[5]?.ToString() ?? "?");
                    ticks[type] = ticks.GetValueOrDefault(type) + 1;
                    break;
                case "GCSuspendEEBegin_V1":
                    suspendedAt = now;
                    break;
                case "GCRestartEEEnd_V1" when suspendedAt >= 0:
                    pauses.Add(now - suspendedAt);
                    suspendedAt = -1;
                    break;
            }
        }
    }

    static string ReasonName(int reason) => reason switch
    {
        0 => "small allocations",
        1 => "induced",
        2 => "low memory",
        3 => "empty",
        4 => "large objects",
        5 => "out of space (SOH)",
        6 => "out of space (LOH)",
        7 => "induced, not forced",
        8 => "stress",
        9 => "low memory (host)",
        _ => $"reason {reason}",
    };

    public void Print()
    {
        lock (starts)
        {
            // A tick is ~100 KB allocated: the types that took the most, on each heap.
            foreach (var (type, n) in ticks.OrderByDescending(kv => kv.Value).Take(30))
                Console.WriteLine($"allocation ticks {n,4}  {type}");
            Console.WriteLine($"collections {starts.Count}, paused {pauses.Sum():0.0} ms in all");
            for (int i = 0; i < starts.Count; i++)
            {
                var (ms, generation, reason) = starts[i];
                var pause = i < pauses.Count ? $"{pauses[i],6:0.0} ms" : "";
                Console.WriteLine($"  {ms,8:0} ms  gen{generation}  {pause}  {reason}");
            }
        }
    }
}
