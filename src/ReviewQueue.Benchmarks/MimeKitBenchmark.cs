using System.Diagnostics;
using MimeKit;

namespace ReviewQueue.Benchmarks;

/// <summary>
/// MimeKit alone, the yardstick the import's target is set against ("MimeKit alone parses real list mail at about
/// 10,000-13,000 messages/s here"): every message of an mbox parsed into a whole MimeMessage, on one thread, nothing
/// else. The first pass runs as in a fresh process (the code not yet run, nothing jitted or tiered); the passes after
/// it as in a long-running one. The file is read into memory first, so no pass waits for the disk.
/// </summary>
public static class MimeKitBenchmark
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("mimekit: give an existing mbox");
            return 66;
        }
        int runs = int.Parse(ImportBenchmark.Option(args, "--runs") ?? "6");
        var bytes = File.ReadAllBytes(args[0]);
        Console.WriteLine($"{args[0]}: {bytes.Length / 1e6:0.0} MB, MimeKit {typeof(MimeMessage).Assembly.GetName().Version}, one thread");
        var later = new List<double>();
        for (int run = 1; run <= runs; run++)
        {
            var clock = Stopwatch.StartNew();
            int count = 0;
            var parser = new MimeParser(new MemoryStream(bytes, writable: false), MimeFormat.Mbox);
            while (!parser.IsEndOfStream)
            {
                parser.ParseMessage();
                count++;
            }
            double seconds = clock.Elapsed.TotalSeconds;
            if (run > 1)
                later.Add(count / seconds);
            Console.WriteLine($"pass {run}{(run == 1 ? " (fresh process)" : "")}: {count} messages in {seconds * 1e3:0} ms = {count / seconds:0} messages/s");
        }
        if (later.Count > 0)
            Console.WriteLine($"passes 2..{runs}: median {later.Order().ElementAt(later.Count / 2):0} messages/s, best {later.Max():0}");
        return 0;
    }
}
