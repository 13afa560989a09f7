using System.Collections.Concurrent;
using System.Diagnostics;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;

namespace ReviewQueue.Benchmarks;

/// <summary>
/// Reads and classifies every message of an mbox without storage, on all cores like the import:
/// split (MboxReader), parse (MimeKit, EnvelopeReader), read (MailReader: git mailinfo, diff, patch-id, kind).
/// </summary>
public static class MailReadBenchmark
{
    static int Threads;

    public static int Run(string path, int runs, int threads)
    {
        Threads = threads;
        var bytes = File.ReadAllBytes(path);
        Console.WriteLine($"{path}: {bytes.Length / 1e6:0.0} MB, {Environment.ProcessorCount} cores, {threads} threads, {runs} runs after three warm-ups");
        for (int i = 0; i < 3; i++)
            Once(bytes, out _); // tiered JIT reaches optimized code only after a few passes
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var endToEnd = new List<double>();
        var readOnly = new List<double>();
        Dictionary<string, int> kinds = [];
        int count = 0;
        for (int i = 0; i < runs; i++)
        {
            var (total, read) = Once(bytes, out var result);
            endToEnd.Add(total.TotalSeconds);
            readOnly.Add(read.TotalSeconds);
            (count, kinds) = result;
        }
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / runs;
        double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        Console.WriteLine($"messages: {count} ({string.Join(", ", kinds.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))})");
        Console.WriteLine($"split + parse + read: median {count / Median(endToEnd):0} messages/s, best {count / endToEnd.Min():0} messages/s");
        Console.WriteLine($"parse + read (mbox already split): median {count / Median(readOnly):0} messages/s, best {count / readOnly.Min():0} messages/s");
        // On a busy machine wall-clock time says little; CPU time per run says what the cores would do alone.
        Console.WriteLine($"CPU time per run: {cpuSeconds:0.00} s, i.e. {count / cpuSeconds:0} messages/s per core, {count / (cpuSeconds / Environment.ProcessorCount):0} messages/s on {Environment.ProcessorCount} idle cores");
        return 0;
    }

    static (TimeSpan Total, TimeSpan Read) Once(byte[] mbox, out (int Count, Dictionary<string, int> Kinds) result)
    {
        var clock = Stopwatch.StartNew();
        var mails = new MboxReader(new MemoryStream(mbox, writable: false), "bench").Read().ToList();
        var split = clock.Elapsed;
        var kinds = new ConcurrentDictionary<string, int>();
        Parallel.ForEach(mails, new ParallelOptions { MaxDegreeOfParallelism = Threads }, mail =>
        {
            var envelope = EnvelopeReader.Read(mail.Bytes);
            var kind = envelope.Envelope is { } e ? MailReader.Read(e.Message, mail.Bytes, null).Mail?.Kind.Name() ?? "unread" : "rejected";
            kinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
        });
        var total = clock.Elapsed;
        result = (mails.Count, new Dictionary<string, int>(kinds));
        return (total, total - split);
    }
}
