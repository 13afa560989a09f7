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
/// record's JSON, the series fact and its JSON, compression, and the SQLite writer. Every step runs once to warm the JIT
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
        var (store, storeAllocated) = Store(path, mails, envelopes, reads, seriesMails, runs);
        total += store;
        Console.WriteLine($"{"store (SQLite, batches 100)",-28} {store * 1e3,8:0.0} ms = {store * 1e6 / mails.Count,6:0.0} µs/message, {storeAllocated / 1024.0 / mails.Count,6:0.0} KB/message allocated (a new ledger each run)");
        Console.WriteLine($"{"sum of the steps",-28} {total * 1e3,8:0.0} ms = {total * 1e6 / mails.Count,6:0.0} µs/message, {mails.Count / total:0} messages/s per core");
        return 0;
    }

    /// <summary>
    /// The import's writer alone: the messages (compressed already) and their series facts stored as the import
    /// stores them, a transaction per batch of 100, into a new ledger each run (made before the clock starts).
    /// </summary>
    static (double Median, long Allocated) Store(string path, List<RawMail> mails, List<MailEnvelope?> envelopes,
        List<MailReadResult?> reads, List<SeriesMail?> seriesMails, int runs)
    {
        var now = DateTimeOffset.UtcNow;
        var messages = new List<NewMessage>();
        var facts = new List<List<ReviewQueue.Storage.LedgerEvent>>();
        for (int i = 0; i < mails.Count; i++)
        {
            if (envelopes[i] is not { } e)
                continue;
            var m = mails[i];
            messages.Add(new NewMessage(e.MessageId, e.SyntheticId, e.ListId, e.Subject, e.FromName, e.FromEmail, e.Date, now, path,
                m.Bytes, reads[i]?.Mail?.Kind.Name(), reads[i] is { } r ? MailRecord.Of(r).ToJson() : null, Compression.Pack(m.Bytes)));
            facts.Add(seriesMails[i] is { } sm ? SeriesFacts.Of(sm).ToList() : []);
        }
        var times = new List<double>();
        long allocated = 0;
        var dir = Path.Combine(Path.GetTempPath(), $"rq-stages-{Guid.NewGuid():N}");
        try
        {
            for (int run = 0; run <= runs; run++)
            {
                var configuration = new ConfigurationBuilder().AddInMemoryCollection(
                    new Dictionary<string, string?> { ["Ledger:Database"] = Path.Combine(dir, $"store-{run}.db") }).Build();
                using var services = new ServiceCollection().AddReviewQueue(configuration).BuildServiceProvider();
                var store = services.GetRequiredService<MessageStore>();
                var events = services.GetRequiredService<EventStore>();
                store.CountAsync(CancellationToken.None).GetAwaiter().GetResult(); // the file made and migrated
                long before = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                for (int start = 0; start < messages.Count; start += 100)
                {
                    int count = Math.Min(100, messages.Count - start);
                    var batchFacts = facts.GetRange(start, count).SelectMany(f => f).ToList();
                    store.StoreAsync(messages.GetRange(start, count), [],
                        (c, tx, _) => events.AppendAsync(c, tx, batchFacts, CancellationToken.None), CancellationToken.None).GetAwaiter().GetResult();
                }
                // What the writes leave in the WAL is copied into the file too, before the clock stops.
                using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dir, $"store-{run}.db")};Pooling=False"))
                {
                    c.Open();
                    using var checkpoint = c.CreateCommand();
                    checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                    checkpoint.ExecuteNonQuery();
                }
                if (run > 0) // the first run warms up
                {
                    times.Add(clock.Elapsed.TotalSeconds);
                    allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                }
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return (times.Order().ElementAt(times.Count / 2), allocated);
    }
}
