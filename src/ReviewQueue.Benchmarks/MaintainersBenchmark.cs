using System.Diagnostics;
using ReviewQueue.Core.Subsystems;

namespace ReviewQueue.Benchmarks;

/// <summary>
/// Linux 6.12 MAINTAINERS: load + compile time, every path of the tree mapped, and (with --perl-tree, a directory
/// holding scripts/get_maintainer.pl, MAINTAINERS and the tree's paths) get_maintainer.pl against us, path by path.
/// </summary>
public static class MaintainersBenchmark
{
    public static int Run(string[] args)
    {
        string corpus = ImportBenchmark.Option(args, "--corpus") ?? Path.Combine("..", "shared", "corpus");
        string? perlTree = ImportBenchmark.Option(args, "--perl-tree");
        int sample = int.Parse(ImportBenchmark.Option(args, "--sample") ?? "20");
        var dir = Path.Combine(corpus, "maintainers", "linux-6.12");
        if (!File.Exists(Path.Combine(dir, "MAINTAINERS")))
        {
            Console.Error.WriteLine($"corpus not found at {dir}");
            return 1;
        }
        // --stages: the first load of this process timed stage by stage (where a cold start's time goes).
        if (args.Contains("--stages"))
            return FirstLoadByStage(dir);
        var maintainersText = File.ReadAllText(Path.Combine(dir, "MAINTAINERS"));
        var treeText = File.ReadAllText(Path.Combine(dir, "tree-files-6.12.117.txt"));
        var mailmapText = File.ReadAllText(Path.Combine(dir, "mailmap"));
        var paths = treeText.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        MaintainersMap Load() => new(MaintainersFile.Parse(maintainersText), TreeFileList.Parse(treeText), Mailmap.Parse(mailmapText));

        var first = Measure(() => Load());
        var map = Load();
        var sw = Stopwatch.StartNew();
        var warm = Enumerable.Range(0, 5).Select(_ => { sw.Restart(); Load(); return sw.Elapsed; }).Min();
        Console.WriteLine($"load+compile (MAINTAINERS {map.File.Sections.Count} sections, {paths.Length} tree paths, mailmap): first {first.Wall.TotalMilliseconds:F1} ms ({first.Cpu.TotalMilliseconds:F0} ms CPU), best of 5 {warm.TotalMilliseconds:F1} ms");
        // What a load leaves for later (mailmap lines, N:/K: regexes, MimeKit's address check): the first questions.
        var firstAnswer = Measure(() => Load().ForPath("drivers/net/ethernet/intel/e1000e/netdev.c"));
        var firstProblems = Measure(() => _ = Load().Problems.Count());
        Console.WriteLine($"  a fresh map's first ForPath (recipients): {Ms(firstAnswer)} incl. its load; first Problems: {Ms(firstProblems)} incl. its load");

        sw.Restart();
        var file = MaintainersFile.Parse(maintainersText);
        var tParse = sw.Elapsed; sw.Restart();
        var tree = TreeFileList.Parse(treeText);
        var tTree = sw.Elapsed; sw.Restart();
        _ = Mailmap.Parse(mailmapText);
        var tMailmap = sw.Elapsed; sw.Restart();
        _ = SubsystemMatcher.Compile(file, tree);
        var tCompile = sw.Elapsed;
        sw.Restart();
        var fx = file.Sections.SelectMany((sec, i) => sec.Fields.Where(f => f.Letter is 'F' or 'X').Select(f => new FilePattern(f, i, tree))).Count();
        var tFx = sw.Elapsed; sw.Restart();
        var kw = file.Sections.SelectMany((sec, i) => sec.Fields.Where(f => f.Letter is 'K').Select(f => new KeywordPattern(f, i))).Count();
        var tK = sw.Elapsed;
        Console.WriteLine($"  compile detail: {fx} F:/X: patterns {tFx.TotalMilliseconds:F1} ms, {kw} K: patterns {tK.TotalMilliseconds:F1} ms");
        Console.WriteLine($"  of which: parse {tParse.TotalMilliseconds:F1} ms, tree list {tTree.TotalMilliseconds:F1} ms, mailmap {tMailmap.TotalMilliseconds:F1} ms, compile {tCompile.TotalMilliseconds:F1} ms");

        var compiles = Enumerable.Range(0, 5).Select(_ => Measure(() => SubsystemMatcher.Compile(file, tree))).ToList();
        var parses = Enumerable.Range(0, 5).Select(_ => Measure(() => MaintainersFile.Parse(maintainersText))).ToList();
        var lists = Enumerable.Range(0, 5).Select(_ => Measure(() => TreeFileList.Parse(treeText))).ToList();
        Console.WriteLine($"  warm: compile {string.Join("; ", compiles.Select(Ms))}");
        Console.WriteLine($"  warm: parse {string.Join("; ", parses.Select(Ms))}");
        Console.WriteLine($"  warm: tree list {string.Join("; ", lists.Select(Ms))}");
        var loads = Enumerable.Range(0, 5).Select(_ => Measure(() => Load())).ToList();
        Console.WriteLine($"load+compile, 5 more runs: {string.Join("; ", loads.Select(Ms))}");
        long sections = 0, recipients = 0;
        for (int pass = 1; pass <= 3; pass++)
        {
            var match = Measure(() => { foreach (var p in paths) sections += map.Matcher.Match(p).Count; });
            var full = Measure(() => { foreach (var p in paths) recipients += map.ForPath(p).Recipients.Count; });
            Console.WriteLine($"pass {pass}: sections for all {paths.Length} paths: {Ms(match)}; sections + recipients: {Ms(full)}");
        }

        if (perlTree is null)
        {
            Console.WriteLine("get_maintainer.pl comparison skipped: pass --perl-tree DIR (a tree with scripts/get_maintainer.pl)");
            return 0;
        }
        var rng = new Random(6);
        var picked = Enumerable.Range(0, sample).Select(_ => paths[rng.Next(paths.Length)]).ToList();
        sw.Restart();
        int differ = 0;
        foreach (var p in picked)
        {
            var psi = new ProcessStartInfo("perl", ["scripts/get_maintainer.pl", "--nogit", "--nogit-fallback", "-f", p])
            {
                WorkingDirectory = perlTree,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var perl = Process.Start(psi)!;
            var text = perl.StandardOutput.ReadToEnd();
            perl.StandardError.ReadToEnd();
            perl.WaitForExit();
            // Addresses only: roles of tied sections follow Perl's random hash order.
            var theirs = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(AddressOf).ToHashSet();
            var mine = map.ForPath(p).Recipients.Select(r => r.Address).ToHashSet();
            if (!theirs.SetEquals(mine))
            {
                differ++;
                Console.WriteLine($"  {p}: only get_maintainer.pl: {string.Join(", ", theirs.Except(mine))}; only ours: {string.Join(", ", mine.Except(theirs))}");
            }
        }
        var perlTime = sw.Elapsed;
        sw.Restart();
        foreach (var p in picked)
            _ = map.ForPath(p);
        var ours = sw.Elapsed;
        Console.WriteLine($"get_maintainer.pl --nogit --nogit-fallback -f PATH for {sample} paths: {perlTime.TotalMilliseconds:F0} ms ({perlTime.TotalMilliseconds / sample:F0} ms/path)");
        Console.WriteLine($"ours for the same {sample} paths: {ours.TotalMilliseconds:F2} ms ({ours.TotalMicroseconds / sample:F1} us/path); ratio {perlTime / ours:F0}x");
        Console.WriteLine($"answers whose addresses differ: {differ} of {sample}");
        return 0;
    }

    static int FirstLoadByStage(string dir)
    {
        _ = Measure(() => { }); // Measure's own first call (Process) is not the load's
        var total = Stopwatch.StartNew();
        string maintainersText = "", treeText = "", mailmapText = "";
        MaintainersFile? file = null;
        TreeFileList? tree = null;
        Mailmap? mailmap = null;
        var stages = new List<(string, (TimeSpan Wall, TimeSpan Cpu, TimeSpan Gc))>
        {
            ("read files", Measure(() =>
            {
                maintainersText = File.ReadAllText(Path.Combine(dir, "MAINTAINERS"));
                treeText = File.ReadAllText(Path.Combine(dir, "tree-files-6.12.117.txt"));
                mailmapText = File.ReadAllText(Path.Combine(dir, "mailmap"));
            })),
            ("parse MAINTAINERS", Measure(() => file = MaintainersFile.Parse(maintainersText))),
            ("tree list", Measure(() => tree = TreeFileList.Parse(treeText))),
            ("mailmap", Measure(() => mailmap = Mailmap.Parse(mailmapText))),
            ("compile (patterns, index)", Measure(() => _ = new MaintainersMap(file!, tree!, mailmap))),
        };
        foreach (var (name, time) in stages)
            Console.WriteLine($"  {name,-26} {Ms((time.Wall, time.Cpu))}, GC pauses {time.Gc.TotalMilliseconds:F1} ms");
        Console.WriteLine($"first load by stage, files read included: {total.Elapsed.TotalMilliseconds:F1} ms");
        return 0;
    }

    /// <summary>Wall time and this process's CPU time: on a shared machine the second is the honest figure.</summary>
    static (TimeSpan Wall, TimeSpan Cpu, TimeSpan Gc) Measure(Action action)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var gc = GC.GetTotalPauseDuration();
        var sw = Stopwatch.StartNew();
        action();
        sw.Stop();
        process.Refresh();
        return (sw.Elapsed, process.TotalProcessorTime - cpu, GC.GetTotalPauseDuration() - gc);
    }

    static string Ms((TimeSpan Wall, TimeSpan Cpu, TimeSpan Gc) t) => Ms((t.Wall, t.Cpu));

    static string Ms((TimeSpan Wall, TimeSpan Cpu) t) => $"{t.Wall.TotalMilliseconds:F1} ms wall, {t.Cpu.TotalMilliseconds:F0} ms CPU";

    // "Name <a@b> (role (with parentheses))": the address ends at the first " (" after the ">".
    static string AddressOf(string line) => line[..line.IndexOf(" (", Math.Max(0, line.IndexOf('>')), StringComparison.Ordinal)];

}
