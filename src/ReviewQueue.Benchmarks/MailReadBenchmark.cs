using System.Diagnostics;
using System.Threading.Channels;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;

namespace ReviewQueue.Benchmarks;

/// <summary>
/// Reads and classifies every message of an mbox without storage, the way the import does it:
/// one thread splits (MboxReader) into batches of 500 (Import:BatchSize) while the previous batch
/// is parsed (EnvelopeReader, MimeKit) and read (MailReader: git mailinfo, diff, patch-id, kind) on
/// every core with Parallel.For. The mails of a batch die with it, as in the import, instead of
/// the whole mbox being held split in memory.
/// </summary>
public static class MailReadBenchmark
{
    const int BatchSize = 500;

    public static int Run(string path, int runs, int threads)
    {
        var bytes = File.ReadAllBytes(path);
        Console.WriteLine($"{path}: {bytes.Length / 1e6:0.0} MB, {Environment.ProcessorCount} cores, {threads} threads, batches of {BatchSize}, {runs} runs after three warm-ups");
        for (int i = 0; i < 3; i++)
            Once(bytes, threads); // tiered JIT reaches optimized code only after a few passes
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var paused = GC.GetTotalPauseDuration();
        int gen0 = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
        var times = new List<double>();
        var splits = new List<double>();
        var result = new Result(0, []);
        for (int i = 0; i < runs; i++)
        {
            var (total, split, counted) = Once(bytes, threads);
            times.Add(total.TotalSeconds);
            splits.Add(split.TotalSeconds);
            result = counted;
        }
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / runs;
        double allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6 / runs;
        double pauseMs = (GC.GetTotalPauseDuration() - paused).TotalMilliseconds / runs;
        double collections = (GC.CollectionCount(0) - gen0) / (double)runs, full = (GC.CollectionCount(2) - gen2) / (double)runs;
        double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        int count = result.Count;
        Console.WriteLine($"messages: {count} ({string.Join(", ", result.Kinds.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))})");
        Console.WriteLine($"split + parse + read: median {count / Median(times):0} messages/s, best {count / times.Min():0} messages/s");
        Console.WriteLine($"split alone (its own thread, overlapped): median {Median(splits) * 1e3:0} ms per run");
        // On a busy machine wall-clock time says little; CPU time per run says what the cores would do alone.
        Console.WriteLine($"CPU time per run: {cpuSeconds:0.00} s, i.e. {count / cpuSeconds:0} messages/s per core, {count / (cpuSeconds / Environment.ProcessorCount):0} messages/s on {Environment.ProcessorCount} idle cores");
        // Allocation does not depend on the machine's load: a steady figure to compare builds by.
        Console.WriteLine($"allocated per run: {allocatedMb:0.0} MB ({allocatedMb * 1e3 / count:0.0} KB per message); GC per run: {collections:0.0} collections ({full:0.0} full), {pauseMs:0} ms paused");
        return 0;
    }

    sealed record Result(int Count, Dictionary<string, int> Kinds);

    static (TimeSpan Total, TimeSpan Split, Result Result) Once(byte[] mbox, int threads)
    {
        var clock = Stopwatch.StartNew();
        var batches = Channel.CreateBounded<List<RawMail>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var splitting = Task.Run(async () =>
        {
            var busy = Stopwatch.StartNew();
            var waiting = TimeSpan.Zero;
            try
            {
                var batch = new List<RawMail>(BatchSize);
                foreach (var mail in new MboxReader(new MemoryStream(mbox, writable: false), "bench").Read())
                {
                    batch.Add(mail);
                    if (batch.Count < BatchSize)
                        continue;
                    var wait = Stopwatch.StartNew();
                    await batches.Writer.WriteAsync(batch);
                    waiting += wait.Elapsed;
                    batch = new List<RawMail>(BatchSize);
                }
                if (batch.Count > 0)
                    await batches.Writer.WriteAsync(batch);
                batches.Writer.Complete();
            }
            catch (Exception e)
            {
                batches.Writer.Complete(e);
            }
            return busy.Elapsed - waiting;
        });

        var kinds = new Dictionary<string, int>();
        int count = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        while (batches.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batches.Reader.TryRead(out var batch))
            {
                var read = new string[batch.Count];
                Parallel.For(0, batch.Count, options, i =>
                {
                    var mail = batch[i];
                    var envelope = EnvelopeReader.Read(mail.Bytes);
                    read[i] = envelope.Envelope is { } e ? MailReader.Read(e, mail.Bytes, null).Mail?.Kind.Name() ?? "unread" : "rejected";
                });
                foreach (var kind in read)
                    kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
                count += batch.Count;
            }
        }
        var split = splitting.GetAwaiter().GetResult();
        return (clock.Elapsed, split, new Result(count, kinds));
    }
}
