using ReviewQueue.Benchmarks;

// dotnet run -c Release --project src/ReviewQueue.Benchmarks -- MODE [options]
//   sync        tree sync of a branch of N new commits vs `git log -p --no-merges -N | git patch-id --stable`
//   apply-eval  our applies check vs the corpus oracle (git apply --check against Linux 6.12.117)
return args.FirstOrDefault() switch
{
    "sync" => await SyncBenchmark.RunAsync(args[1..]),
    "apply-eval" => ApplyEvaluation.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ReviewQueue.Benchmarks sync [--commits N] [--repo PATH] [--branch B] [--remote]");
    Console.Error.WriteLine("       ReviewQueue.Benchmarks apply-eval --repo LINUX_GIT [--mbox FILE] [--oracle FILE] [--mailinfo] [--show N]");
    return 64;
}
