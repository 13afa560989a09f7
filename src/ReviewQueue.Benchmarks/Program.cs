using ReviewQueue.Benchmarks;

// ReviewQueue benchmarks. Build Release: dotnet run -c Release --project src/ReviewQueue.Benchmarks -- MODE …
//   import PATH [--batch N] [--keep]   import PATH into a new temp SQLite file through the real import path
//   generate PATH --mb N               write an mbox of about N MB of small synthetic messages
//   stages PATH                        time split, parse and compress alone (single-threaded)
//   series PATH                        import + series assembly, file order and shuffled, same result?
//   maintainers [--corpus DIR] [--perl-tree DIR] [--sample N]   MAINTAINERS load, map, and get_maintainer.pl side by side
return args.FirstOrDefault() switch
{
    "import" => await ImportBenchmark.RunAsync(args[1..]),
    "generate" => GeneratedMbox.Run(args[1..]),
    "stages" => StageBenchmark.Run(args[1..]),
    "series" => await SeriesBenchmark.RunAsync(args[1..]),
    "maintainers" => MaintainersBenchmark.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ReviewQueue.Benchmarks import|generate|stages|series|maintainers … (see Program.cs)");
    return 64;
}
