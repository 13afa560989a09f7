using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Commands;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using ReviewQueue.Import;
using ReviewQueue.Series;
using ReviewQueue.Storage;

namespace ReviewQueue.Benchmarks;

/// <summary>
/// Times each per-message step of the import alone, on one thread, so the figures add up to the
/// CPU one message costs: split, envelope (MimeKit), read (git mailinfo, diff, patch-id), the stored
/// record's JSON, the series fact and its JSON, compression. Every step runs once to warm the JIT
/// first, then <c>--runs</c> times; the median of each is printed.
/// </summary>
public static class StageBenchmark
{
    public static int Run(string[] args)
    {
        var path = args[0];
        int runs = int.Parse(ImportBenchmark.Option(args, "--runs") ?? "3");
        var bytes = File.ReadAllBytes(path);
        var mails = new MboxReader(new MemoryStream(bytes, writable: false), path).Read().ToList();
        var envelopes = mails.Select(m => EnvelopeReader.Read(m.Bytes).Envelope).ToList();
        var reads = mails.Select((m, i) => envelopes[i] is { } e ? MailReader.Read(e, m.Bytes, null) : null).ToList();
        var records = reads.Select(r => r is null ? null : MailRecord.Of(r)).ToList();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Ledger:Database"] = Path.Combine(Path.GetTempPath(), "rq-stages-unused.db") }).Build();
        using var services = new ServiceCollection().AddReviewQueue(configuration).BuildServiceProvider();
        var policy = services.GetRequiredService<ReviewPolicy>();
        var seriesMails = reads.Select(r => r?.Mail is { } m ? SeriesMailFactory.From(m, policy.IsObjectionLine) : null).ToList();

        var steps = new (string Name, Func<long> Step)[]
        {
            ("split (MboxReader)", () => new MboxReader(new MemoryStream(bytes, writable: false), path).Read().LongCount()),
            ("envelope (EnvelopeReader)", () => mails.LongCount(m => !EnvelopeReader.Read(m.Bytes).Rejected)),
            ("read (MailReader)", () => mails.Select((m, i) => envelopes[i] is { } e ? MailReader.Read(e, m.Bytes, null).Mail is null ? 0L : 1L : 0L).Sum()),
            ("record (MailRecord + JSON)", () => reads.Sum(r => r is null ? 0L : MailRecord.Of(r).ToJson().Length)),
            ("  of which JSON", () => records.Sum(r => r is null ? 0L : r.ToJson().Length)),
            ("fact (SeriesMail + events)", () => reads.Sum(r => r?.Mail is { } m && SeriesMailFactory.From(m, policy.IsObjectionLine) is { } s ? SeriesFacts.Of(s).LongCount() : 0L)),
            ("  of which JSON", () => seriesMails.Sum(s => s is null ? 0L : SeriesFacts.Serialize(s).Length)),
            ("compress (zlib)", () => mails.Sum(m => (long)Compression.Pack(m.Bytes).Length)),
        };
        Console.WriteLine($"{path}: {mails.Count} messages, {bytes.Length / 1e6:0.0} MB; one thread, median of {runs} after a warm-up");
        double total = 0;
        foreach (var (name, step) in steps)
        {
            step();
            var times = new List<double>();
            long result = 0, allocated = 0;
            for (int i = 0; i < runs; i++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                result = step();
                times.Add(clock.Elapsed.TotalSeconds);
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
            double median = times.Order().ElementAt(times.Count / 2);
            if (!name.StartsWith(' '))
                total += median;
            Console.WriteLine($"{name,-28} {median * 1e3,8:0.0} ms = {median * 1e6 / mails.Count,6:0.0} µs/message, {allocated / 1024.0 / mails.Count,6:0.0} KB/message allocated ({result})");
        }
        Console.WriteLine($"{"sum of the steps",-28} {total * 1e3,8:0.0} ms = {total * 1e6 / mails.Count,6:0.0} µs/message, {mails.Count / total:0} messages/s per core");
        return 0;
    }
}
