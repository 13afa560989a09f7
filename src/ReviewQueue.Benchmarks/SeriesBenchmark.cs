using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Import;
using ReviewQueue.Storage;

namespace ReviewQueue.Benchmarks;

/// <summary>
/// Import plus series assembly of one mbox, twice side by side: in file order and shuffled, each into a
/// new ledger. Prints both rates and whether the topics are identical. The second of the two runs in a
/// process whose code the first has already warmed, so `--order file|shuffled` times one order alone, in
/// a fresh process as `reviewqueue import` runs, and prints a digest of the final state to compare with
/// the other order's.
/// </summary>
public static class SeriesBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("series: give an existing mbox");
            return 66;
        }
        var mails = new List<RawMail>();
        using (var stream = File.OpenRead(args[0]))
            mails.AddRange(new MboxReader(stream, args[0]).Read());
        var shuffled = mails.OrderBy(_ => Random.Shared.Next()).ToList();
        int warm = int.Parse(ImportBenchmark.Option(args, "--warm") ?? "0");
        for (int w = 0; w < warm; w++)
            Console.WriteLine($"warm-up    {w + 1}: {(await TimeAsync(mails)).Item1.TotalSeconds:0.000} s");
        if (ImportBenchmark.Option(args, "--order") is { } order)
        {
            if (order is not ("file" or "shuffled"))
            {
                Console.Error.WriteLine("series: --order is file or shuffled");
                return 64;
            }
            var (time, topics) = await TimeAsync(order == "file" ? mails : shuffled);
            Console.WriteLine($"messages   {mails.Count}");
            Console.WriteLine($"{(order == "file" ? "file order" : "shuffled  ")} {time.TotalSeconds:0.000} s, {mails.Count / time.TotalSeconds:0} messages/s{(warm > 0 ? $", after {warm} warm-up imports" : "")}");
            Console.WriteLine($"topics     {topics.Count}; final state {Digest(topics)}");
            return 0;
        }
        var (inOrder, inOrderTopics) = await TimeAsync(mails);
        var (shuffledTime, shuffledTopics) = await TimeAsync(shuffled);
        Console.WriteLine($"messages   {mails.Count}");
        Console.WriteLine($"file order {inOrder.TotalSeconds:0.000} s, {mails.Count / inOrder.TotalSeconds:0} messages/s");
        Console.WriteLine($"shuffled   {shuffledTime.TotalSeconds:0.000} s, {mails.Count / shuffledTime.TotalSeconds:0} messages/s");
        Console.WriteLine($"topics     {inOrderTopics.Count}; same final state both ways: {inOrderTopics.SequenceEqual(shuffledTopics)}");
        return inOrderTopics.SequenceEqual(shuffledTopics) ? 0 : 1;
    }

    /// <summary>The topics' stored JSON, hashed: equal digests from two processes are the same final state.</summary>
    static string Digest(IReadOnlyList<string> topics)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var topic in topics)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(topic));
            sha.AppendData([0]);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    static async Task<(TimeSpan, IReadOnlyList<string>)> TimeAsync(IReadOnlyList<RawMail> mails)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"rq-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Ledger:Database"] = Path.Combine(dir, "bench.db"),
            }).Build();
            await using var services = new ServiceCollection().AddReviewQueue(configuration).BuildServiceProvider();
            var import = services.GetRequiredService<MailImport>();
            var projection = services.GetRequiredService<ReviewQueue.Series.SeriesProjection>();
            var clock = Stopwatch.StartNew();
            // As `reviewqueue import` does it (ImportRunner): the rebuild takes the facts just stored as read.
            var fresh = new ReviewQueue.Series.FreshFacts(await projection.InputsThroughAsync(CancellationToken.None));
            await import.ImportAsync(mails, listId: null, CancellationToken.None, fresh: fresh);
            await projection.RebuildAsync(fresh, null, CancellationToken.None);
            clock.Stop();
            var topics = await services.GetRequiredService<TopicStore>().AllDataAsync(CancellationToken.None);
            return (clock.Elapsed, topics);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
