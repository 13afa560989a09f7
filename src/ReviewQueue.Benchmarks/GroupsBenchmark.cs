using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;

namespace ReviewQueue.Benchmarks;

/// <summary>
/// How a real archive splits into the groups a large rebuild assembles one batch at a time (SeriesGroups): threads,
/// threads with a patch, groups, and the largest groups. A list whose series chain into one giant group (a stable
/// list's review series, say) would show here as one group holding most of the mail: its rebuild would hold it all.
/// With --check, also assembles each group alone and compares with assembling everything at once.
/// </summary>
public static class GroupsBenchmark
{
    public static int Run(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Ledger:Database"] = Path.Combine(Path.GetTempPath(), "rq-groups-unused.db") }).Build();
        using var services = new ServiceCollection().AddReviewQueue(configuration).BuildServiceProvider();
        var policy = services.GetRequiredService<ReviewPolicy>();
        var rules = services.GetRequiredService<Series.ReviewRulesProvider>().Series;
        var mails = new List<SeriesMail>();
        foreach (var path in args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)))
        {
            using var stream = File.OpenRead(path);
            foreach (var raw in new MboxReader(stream, path).Read())
                if (MailReader.Read(raw.Bytes, null).Mail is { } m && SeriesMailFactory.From(m, policy.IsObjectionLine) is { } s)
                    mails.Add(s);
        }
        var join = new ThreadJoin();
        foreach (var m in mails)
            join.Add(m);
        var threads = join.Finish();
        var groups = SeriesGroups.Of(mails, rules.IsBot);
        var sizes = groups.GroupBy(g => g).Select(g => g.Count()).OrderDescending().ToList();
        Console.WriteLine($"mails      {mails.Count:N0} ({join.Messages:N0} Message-IDs)");
        Console.WriteLine($"threads    {threads.Count:N0}, {threads.HasPosting.Count(h => h):N0} with a patch or cover letter");
        Console.WriteLine($"groups     {sizes.Count:N0}; largest {sizes[0]:N0} mails ({100.0 * sizes[0] / mails.Count:0.0}%), 10 largest {sizes.Take(10).Sum():N0} ({100.0 * sizes.Take(10).Sum() / mails.Count:0.0}%)");
        Console.WriteLine($"sizes      {string.Join(" ", sizes.Take(20))}");
        if (!args.Contains("--check"))
            return 0;
        var whole = new SeriesAssembler(rules);
        foreach (var m in mails)
            whole.Add(m);
        var all = whole.Build().Select(Text).Order(StringComparer.Ordinal).ToList();
        var pieces = mails.Select((m, i) => (m, g: groups[i])).GroupBy(x => x.g).SelectMany(g =>
        {
            var assembler = new SeriesAssembler(rules);
            foreach (var (m, _) in g)
                assembler.Add(m);
            return assembler.Build();
        }).Select(Text).Order(StringComparer.Ordinal).ToList();
        bool same = all.SequenceEqual(pieces);
        Console.WriteLine($"check      {all.Count:N0} topics at once, {pieces.Count:N0} by group: {(same ? "the same" : "DIFFERENT")}");
        return same ? 0 : 1;
    }

    static string Text(Topic t) => System.Text.Json.JsonSerializer.Serialize(t);
}
