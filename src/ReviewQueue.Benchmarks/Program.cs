using ReviewQueue.Benchmarks;

// ReviewQueue benchmarks. Build Release: dotnet run -c Release --project src/ReviewQueue.Benchmarks -- MODE …
// Each mode is bounded in size and time and talks to 127.0.0.1 only.
//   mimekit PATH [--runs 6]            MimeKit alone on one thread: the first pass as in a fresh process, then warm (the import target's yardstick)
//   read PATH [--runs N] [--threads N]  read and classify every message without storage (the mail reader)
//   import PATH [--batch N] [--keep] [--warm N] [--probe] [--rebuild-batch N] [--timeline] [--gc]   import PATH into a new temp SQLite file through the real import path (after N warm-up imports; heap/RSS each second; mails the topics rebuild assembles at a time; when each batch and rebuild step ended; every GC with its reason, and the large objects allocated)
//   generate PATH --mb N               write an mbox of about N MB of small synthetic messages
//   stages PATH                        time split, parse and compress alone (single-threaded)
//   series PATH [--warm N] [--order file|shuffled]   import + series assembly as `reviewqueue import` does it, file order and shuffled, same result?
//   groups PATH... [--check]           how mail splits into the groups a large rebuild assembles a batch at a time (and, with --check, that they assemble as the whole)
//   rebuild PATH [--runs 5] [--now T] [--maintainers F --tree-files F] [--dump FILE] [--keep]   import once, then time the series projection's rebuild step by step
//   maintainers [--corpus DIR] [--perl-tree DIR] [--sample N]   MAINTAINERS load, map, and get_maintainer.pl side by side
//   maintainers-patches [--corpus DIR] [--mbox FILE] (--perl-tree DIR | --perl-answers DIR) [--show N]   get_maintainer.pl's patch mode against ours, mail by mail
//   debt-generate --db PATH [--series 250000 --patches-per-series 4 --subsystems 2000 --days 365 --seed 7]
//   debt-time     --db PATH [--runs 30]                    backlog --json queries in-process
//   debt-load     --url http://127.0.0.1:PORT/ [--clients 20 --seconds 10 --max-requests 200000]
//   sync [--commits N] [--runs 3] [--repo PATH] [--branch B] [--remote]   tree sync vs `git log -p --no-merges -N | git patch-id --stable`, side by side, medians
//   apply-eval --repo LINUX_GIT [--mbox FILE] [--oracle FILE] [--mailinfo] [--show N]   applies check vs the corpus git apply oracle
// As the installed program does it: each mode plays its last run's JIT profile (REVIEWQUEUE_JIT_PROFILES= turns that off).
ReviewQueue.JitProfile.Start("benchmark-" + (args.FirstOrDefault() is { } mode && mode.All(c => char.IsAsciiLetterLower(c) || c == '-') ? mode : "usage"));
return args.FirstOrDefault() switch
{
    "read" when args.Length > 1 => MailReadBenchmark.Run(args[1], Option("--runs") ?? 5, Option("--threads") ?? Environment.ProcessorCount),
    "import" => await ImportBenchmark.RunAsync(args[1..]),
    "mimekit" => MimeKitBenchmark.Run(args[1..]),
    "generate" => GeneratedMbox.Run(args[1..]),
    "stages" => StageBenchmark.Run(args[1..]),
    "series" => await SeriesBenchmark.RunAsync(args[1..]),
    "rebuild" => await RebuildBenchmark.RunAsync(args[1..]),
    "groups" => GroupsBenchmark.Run(args[1..]),
    "maintainers" => MaintainersBenchmark.Run(args[1..]),
    "maintainers-patches" => PatchMaintainersBenchmark.Run(args[1..]),
    "debt-generate" => await DebtGenerator.RunAsync(BenchArgs.Parse(args[1..])),
    "debt-time" => await DebtTiming.RunAsync(BenchArgs.Parse(args[1..])),
    "debt-load" => await LoadRun.RunAsync(BenchArgs.Parse(args[1..])),
    "sync" => await SyncBenchmark.RunAsync(args[1..]),
    "apply-eval" => ApplyEvaluation.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ReviewQueue.Benchmarks read|mimekit|import|generate|stages|series|rebuild|groups|maintainers|debt-generate|debt-time|debt-load|sync|apply-eval … (see Program.cs)");
    return 64;
}

int? Option(string name)
{
    int at = Array.IndexOf(args, name);
    return at > 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : null;
}
