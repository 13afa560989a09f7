using ReviewQueue.Benchmarks;

// Benchmarks of ReviewQueue. Each mode is bounded in size and time and talks to 127.0.0.1 only.
//   debt-generate --db PATH [--series 250000 --patches-per-series 4 --subsystems 2000 --days 365 --seed 7]
//   debt-time     --db PATH [--runs 30]                    backlog --json queries in-process
//   debt-load     --url http://127.0.0.1:PORT/ [--clients 20 --seconds 10 --max-requests 200000]
var mode = args.FirstOrDefault();
var options = BenchArgs.Parse(args.Skip(1).ToArray());
return mode switch
{
    "debt-generate" => await DebtGenerator.RunAsync(options),
    "debt-time" => await DebtTiming.RunAsync(options),
    "debt-load" => await LoadRun.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ReviewQueue.Benchmarks debt-generate|debt-time|debt-load [--option value]...");
    return 64;
}
