using ReviewQueue.Benchmarks;

// reviewqueue benchmarks: `dotnet run -c Release --project src/ReviewQueue.Benchmarks -- <mode> [options]`.
return args.FirstOrDefault() switch
{
    "maintainers" => MaintainersBenchmark.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ReviewQueue.Benchmarks maintainers [--corpus DIR] [--perl-tree DIR] [--sample N]");
    return 2;
}
