using System.Diagnostics;

namespace ReviewQueue.Benchmarks;

/// <summary>N clients GET one URL on 127.0.0.1 for a bounded time and count; prints latency percentiles.</summary>
public static class LoadRun
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var url = new Uri(args.Text("url"));
        if (!url.IsLoopback)
        {
            Console.Error.WriteLine("debt-load: only loopback addresses (127.0.0.1) are allowed");
            return 64;
        }
        int clients = args.Int("clients", 20), seconds = args.Int("seconds", 10), max = args.Int("max-requests", 200_000);
        // Like a browser: asks for gzip (--gzip 0 to ask for the raw page).
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients,
            AutomaticDecompression = args.Int("gzip", 1) == 1 ? System.Net.DecompressionMethods.GZip : System.Net.DecompressionMethods.None,
        });
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var all = new List<double>[clients];
        int started = 0, failed = 0;
        long bytes = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var mine = all[c] = [];
            while (!stop.IsCancellationRequested && Interlocked.Increment(ref started) <= max)
            {
                var t = Stopwatch.StartNew();
                try
                {
                    var body = await http.GetByteArrayAsync(url, stop.Token);
                    mine.Add(t.Elapsed.TotalMilliseconds);
                    Interlocked.Add(ref bytes, body.Length);
                }
                catch (OperationCanceledException) { break; }
                catch (HttpRequestException) { Interlocked.Increment(ref failed); }
            }
        }));
        var times = all.SelectMany(x => x).Order().ToList();
        double P(double p) => times.Count == 0 ? double.NaN : times[Math.Clamp((int)Math.Ceiling(p * times.Count) - 1, 0, times.Count - 1)];
        Console.WriteLine($"{url} with {clients} clients for {clock.Elapsed.TotalSeconds:F1} s: {times.Count} ok, {failed} failed, " +
            $"{times.Count / clock.Elapsed.TotalSeconds:F0} req/s, p50 {P(0.5):F1} ms, p95 {P(0.95):F1} ms, p99 {P(0.99):F1} ms, max {P(1):F1} ms, {bytes / Math.Max(1, times.Count) / 1024} KiB per page");
        return failed == 0 ? 0 : 1;
    }
}
