using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using ReviewQueue.Debt;
using ReviewQueue.Storage;

namespace ReviewQueue.Benchmarks;

/// <summary>
/// Writes a large ledger for the debt benchmarks: generated topics (their rows in `topics`) and the
/// debt aggregates of migration 0006, measured by the product's own ReviewDebt and ReviewerBalances
/// over those topics. History rows per section per day come from a sweep over each topic's posting,
/// review and acceptance days (the generated topics are simple enough for that to be exact), not
/// from re-assembling mail: no mail events are generated.
/// </summary>
public static class DebtGenerator
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var db = args.Text("db");
        int seriesCount = args.Int("series", 250_000), perSeries = args.Int("patches-per-series", 4);
        int sections = args.Int("subsystems", 2_000), days = args.Int("days", 365);
        var random = new Random(args.Int("seed", 7));
        var now = new DateTimeOffset(DateTime.UtcNow.Date.AddHours(12), TimeSpan.Zero);
        var clock = Stopwatch.StartNew();
        foreach (var f in new[] { db, db + "-wal", db + "-shm" })
            File.Delete(f);
        var ledger = Ledger.Open(db);

        var map = new GeneratedSubsystems(sections);
        var rules = new ReviewRules(name => name switch
        {
            "Reviewed-by" => TrailerMeaning.Review,
            "Acked-by" => TrailerMeaning.Ack,
            _ => TrailerMeaning.Other,
        }, TestedCounts: false, MismatchCounts: false, TimeSpan.FromDays(14));
        var topics = new List<Topic>(seriesCount);
        var people = Enumerable.Range(0, 5_000).Select(i => new Person($"Person {i}", $"p{i}@corp{i % 300}.example")).ToArray();
        for (int s = 0; s < seriesCount; s++)
            topics.Add(Topic(s, perSeries, random, map, people, now, days));
        Console.WriteLine($"generated {topics.Count:N0} series, {topics.Sum(t => t.Current.Patches.Count):N0} patches in {clock.Elapsed.TotalSeconds:F1} s");

        var measure = Stopwatch.StartNew();
        var report = ReviewDebt.Measure(topics, rules, map, now);
        var balance = ReviewerBalances.Measure(topics, rules, _ => false, now);
        Console.WriteLine($"measured debt of {report.Subsystems.Count:N0} sections, {report.Waiting.Count:N0} waiting series in {measure.Elapsed.TotalSeconds:F1} s");

        var sweep = Stopwatch.StartNew();
        var history = History(topics, rules, map, now, days);
        Console.WriteLine($"measured {history.Count:N0} section-days of history in {sweep.Elapsed.TotalSeconds:F1} s");
        var (subsystemRows, peopleRows) = DebtProjection.Rows(report, balance);
        var write = Stopwatch.StartNew();
        await WriteTopicsAsync(ledger, topics, rules);
        var stamp = EventStore.Time(now);
        var store = new DebtStore(ledger);
        await using (var waiting = await store.StageWaitingAsync(CancellationToken.None))
        {
            await waiting.AddAsync(DebtProjection.Staged(report.Waiting), CancellationToken.None);
            await store.ReplaceAsync(subsystemRows, waiting, peopleRows, DebtProjection.Json(report.Total), stamp, null, history,
                DebtProjection.BacklogJson(report), stamp, sections: null, peopleMailmap: "", CancellationToken.None);
        }
        Console.WriteLine($"wrote {topics.Count:N0} topics, {subsystemRows.Count:N0} sections, {report.Waiting.Sum(w => w.Subsystems.Count):N0} waiting rows, {history.Count:N0} section-days of history (the changed ones stored) in {write.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"total {clock.Elapsed.TotalSeconds:F1} s, {new FileInfo(db).Length / 1e6:F0} MB: {db}");
        return 0;
    }

    static Topic Topic(int s, int perSeries, Random random, GeneratedSubsystems map, Person[] people, DateTimeOffset now, int days)
    {
        var posted = now.AddMinutes(-random.Next(days * 24 * 60));
        var author = people[random.Next(people.Length)];
        int section = random.Next(map.Count);
        bool crossTree = random.Next(20) == 0; // a few series touch two sections
        double fate = random.NextDouble();
        var reviewer = people[random.Next(people.Length)];
        var reviewedAt = posted.AddHours(1 + random.Next(24 * 20));
        bool reviewedAll = fate < 0.55, reviewedSome = fate is >= 0.55 and < 0.65;
        bool accepted = reviewedAll && random.Next(2) == 0 && reviewedAt.AddDays(2) <= now;
        var id = $"gen{s:D7}";
        var patches = new List<SeriesPatch>(perSeries);
        for (int i = 1; i <= perSeries; i++)
        {
            var file = map.File(crossTree && i == perSeries ? (section + 1) % map.Count : section, i);
            bool reviewed = (reviewedAll || (reviewedSome && i == 1)) && reviewedAt <= now && reviewer != author;
            var trailers = reviewed
                ? new[] { new GivenTrailer("Reviewed-by", $"{reviewer.Name} <{reviewer.Email}>", reviewer.Name!, reviewer.Email, $"{id}-r@gen", reviewedAt, TrailerVia.Patch, true) }
                : [];
            patches.Add(new SeriesPatch($"{id}-{i}@gen", i, perSeries, $"sub{section}: generated change {s} part {i}", author, posted,
                $"pid{s}-{i}", [file], random.Next(20) == 0, trailers, [], null,
                accepted ? new Acceptance("applied-reply", null, "next", null, reviewedAt.AddDays(2), $"{id}-ty@gen") : null, null));
        }
        var revision = new SeriesRevision($"{id}-0@gen", 1, null, true, $"{id}-0@gen", $"sub{section}: generated series {s}", author, posted,
            perSeries, true, false, false, null, null, null, null, patches, [], [], [], "first", null);
        return new Topic(id, revision.Title, author, posted, [revision]);
    }

    /// <summary>Debt per section per day, from a year ago on, as the product computes it.</summary>
    static IReadOnlyList<SectionDay> History(List<Topic> topics, ReviewRules rules, GeneratedSubsystems map, DateTimeOffset now, int days) =>
        DebtHistory.Measure(topics, rules, map, DateOnly.FromDateTime(now.UtcDateTime.Date.AddDays(-days)), now);

    static async Task WriteTopicsAsync(Ledger ledger, List<Topic> topics, ReviewRules rules)
    {
        await using var c = await ledger.ConnectAsync(CancellationToken.None);
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync();
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT INTO topics(id, title, author_name, author_email, first_posted, last_activity, state, current_version, patches, reviewed, data)
            VALUES ($id, $title, $an, $ae, $fp, $la, $state, 1, $patches, $reviewed, $data)
            """;
        var names = new[] { "$id", "$title", "$an", "$ae", "$fp", "$la", "$state", "$patches", "$reviewed", "$data" };
        var ps = names.Select(n => cmd.Parameters.Add(new SqliteParameter(n, null))).ToArray();
        cmd.Prepare();
        foreach (var t in topics)
        {
            var view = ReviewQueue.Series.TopicView.Of(t, rules);
            object[] values = [view.Id, view.Title, view.Author.Name ?? "", view.Author.Email ?? "", EventStore.Time(view.FirstPosted),
                EventStore.Time(view.LastActivity), view.State, view.Patches, view.Reviewed, DebtProjection.Json(view)];
            for (int i = 0; i < ps.Length; i++)
                ps[i].Value = values[i];
            await cmd.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        _ = c.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
}

/// <summary>2,000 sections named like MAINTAINERS titles, one directory each, two reviewers each.</summary>
sealed class GeneratedSubsystems(int count) : ISubsystemMap
{
    public int Count => count;

    public string File(int section, int i) => $"drivers/gen{section:D4}/part{i}.c";

    static string Name(int section) => $"GENERATED DRIVER {section:D4}";

    public IReadOnlyList<string> SectionsOf(IReadOnlyList<string> files) =>
        files.Select(f => f.StartsWith("drivers/gen", StringComparison.Ordinal) ? Name(int.Parse(f.AsSpan(11, 4), CultureInfo.InvariantCulture)) : "THE REST")
            .Distinct().ToList();

    public IReadOnlyList<string> SuggestedReviewers(IReadOnlyList<string> sections, string? authorEmail, string? authorName = null) =>
        sections.Select(s => $"Maintainer of {s[^4..]} <m{s[^4..]}@example.org>").ToList();
}
