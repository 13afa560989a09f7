using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Series;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Series;

/// <summary>
/// A ledger larger than one batch is assembled group by group (SeriesBatches). Whatever the batch size, the
/// rebuild must write exactly what assembling everything at once writes: topics, their messages, the derived
/// events, section links and debt. The mail here mixes every way assembly relates mails across threads.
/// </summary>
public sealed class GroupedRebuildTests
{
    const int Rounds = 60;

    static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(200)]
    public async Task AssemblingInBatchesOfGroupsWritesWhatAssemblingAllAtOnceWrites(int batchMails)
    {
        var ct = TestContext.Current.CancellationToken;
        using var whole = new TestLedger(time: new FixedTime(Now));
        using var grouped = new TestLedger(time: new FixedTime(Now));
        var mbox = whole.Dir.File("mixed.mbox");
        File.WriteAllText(mbox, Mixed(Rounds));
        var demo = RepoPaths.Of("samples", "demo.mbox");

        var projection = grouped.Services.GetRequiredService<SeriesProjection>();
        projection.BatchMails = batchMails;
        projection.WholeLedgerMails = 0;
        var a = await whole.ImportAsync(mbox, demo);
        var b = await grouped.ImportAsync(mbox, demo);

        Assert.Equal(a.New, b.New);
        var expected = await LedgerDump.RebuildTablesAsync(whole.Ledger, ct);
        var actual = await LedgerDump.RebuildTablesAsync(grouped.Ledger, ct);
        // The mail is what it says: each pair below is one topic (the control: each round's series are apart).
        var topicOf = expected["topic_messages"].Select(r => r.Split(" | ")).ToDictionary(c => c[0]["message_id=".Length..], c => c[1]);
        for (int i = 0; i < Rounds; i++)
        {
            Assert.Equal(topicOf[$"k{i}@example.org"], topicOf[$"k{i}.v2@example.org"]);
            Assert.Equal(topicOf[$"t{i}@example.org"], topicOf[$"t{i}.v2@example.org"]);
            Assert.Equal(topicOf[$"h{i}@example.org"], topicOf[$"h{i}.v2@example.org"]);
            Assert.Equal(topicOf[$"u{i}.1@example.org"], topicOf[$"u{i}.2@example.org"]);
            Assert.Equal(topicOf[$"c{i}.1@example.org"], topicOf[$"c{i}.r@example.org"]);
            Assert.Equal(5, new[] { "k", "t", "h", "u", "c" }.Select(k => topicOf[$"{k}{i}{(k is "u" or "c" ? ".1" : "")}@example.org"]).Distinct().Count());
        }
        foreach (var table in LedgerDump.RebuildTables)
            Assert.Equal(expected[table], actual[table]);

        // And a rebuild of the ledger as it stands, in batches, changes nothing, and counts what the whole one counts.
        var r = await projection.RebuildAsync(ct);
        Assert.Equal(actual, await LedgerDump.RebuildTablesAsync(grouped.Ledger, ct));
        var w = await whole.Services.GetRequiredService<SeriesProjection>().RebuildAsync(ct);
        Assert.Equal((w.Mails, w.Topics), (r.Mails, r.Topics));
        Assert.Equal(a.New, r.Mails); // every stored message, once
    }

    /// <summary>Rebuilds asked for at once (IMAP, trees, the daily refresh) run one after the other, each whole.</summary>
    [Fact]
    public async Task RebuildsAskedForAtOnceRunOneAfterTheOther()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ledger = await MixedLedgerAsync(10);
        var before = await LedgerDump.RebuildTablesAsync(ledger.Ledger, ct);
        var projection = ledger.Services.GetRequiredService<SeriesProjection>();
        projection.WholeLedgerMails = 0;
        projection.BatchMails = 7;

        var steps = new List<(int Rebuild, string Step)>();
        Task<SeriesProjection.Result> Rebuild(int n) => Task.Run(() => projection.RebuildAsync(step =>
        {
            lock (steps)
                steps.Add((n, step));
        }, ct), ct);
        await Task.WhenAll(Rebuild(1), Rebuild(2), Rebuild(3));

        // Each rebuild's steps are together, ending with "meta", before the next one's first.
        var order = steps.Select(s => s.Rebuild).ToList();
        Assert.Equal(3, order.Distinct().Count());
        Assert.Equal(order.Distinct().Count() - 1, order.Zip(order.Skip(1)).Count(p => p.First != p.Second));
        Assert.Equal(3, steps.Count(s => s.Step == "meta"));
        Assert.Equal(before, await LedgerDump.RebuildTablesAsync(ledger.Ledger, ct));
    }

    /// <summary>A past day's backlog and balances, measured a batch at a time, are those of every topic cut at that day at once.</summary>
    [Fact]
    public async Task APastDaysBacklogMeasuredInBatchesIsTheOneOfAllTopicsAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ledger = await MixedLedgerAsync(Rounds);
        var projection = ledger.Services.GetRequiredService<SeriesProjection>();
        projection.WholeLedgerMails = 0;
        projection.BatchMails = 7;
        var backlog = ledger.Services.GetRequiredService<ReviewQueue.Debt.Backlog>();
        var rules = ledger.Services.GetRequiredService<ReviewRulesProvider>().Review;
        var map = ledger.Services.GetRequiredService<ReviewQueue.Core.Review.ISubsystemMap>();
        var policy = ledger.Services.GetRequiredService<ReviewQueue.Core.Review.ReviewPolicy>();

        var day = new DateOnly(2026, 1, 5);
        var at = ReviewQueue.Core.Review.DebtHistory.EndOf(day);
        var all = await projection.AsOfAsync(at, ct);
        var expected = ReviewQueue.Core.Review.ReviewDebt.Measure(all, rules, map, at);
        var view = await backlog.DebtAsync(null, day, ct);
        Assert.NotNull(view);
        Assert.True(expected.Total.OpenSeries > 20, $"{expected.Total.OpenSeries} open");
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(expected.Total), System.Text.Json.JsonSerializer.Serialize(view.Total));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(expected.Subsystems), System.Text.Json.JsonSerializer.Serialize(view.Subsystems));
        var section = await backlog.DebtAsync(ReviewQueue.Core.Review.ReviewDebt.NoSection, day, ct) ?? await backlog.DebtAsync(expected.Subsystems[0].Name, day, ct);
        Assert.NotNull(section?.Waiting);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(expected.Waiting.Where(w => w.Subsystems.Contains(section.Subsystems[0].Name))),
            System.Text.Json.JsonSerializer.Serialize(section.Waiting));

        var people = ReviewQueue.Core.Review.ReviewerBalances.Measure(all, rules, policy.IsBot, at);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(people), System.Text.Json.JsonSerializer.Serialize(await backlog.PeopleAsync(day, ct)));
    }

    /// <summary>
    /// A rebuild stopped part way (Ctrl-C after a batch was written and measured), or one that meets a fact it cannot
    /// read, leaves the topics and debt as they were; the next rebuild completes and gives them again (nothing staged
    /// was left behind on the pooled connections).
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(16_384)]
    public async Task ARebuildThatStopsPartWayLeavesTheTopicsAsTheyWere(int wholeLedgerMails)
    {
        var ct = TestContext.Current.CancellationToken;
        using var ledger = await MixedLedgerAsync(10);
        var before = await LedgerDump.RebuildTablesAsync(ledger.Ledger, ct);
        var projection = ledger.Services.GetRequiredService<SeriesProjection>();
        projection.WholeLedgerMails = wholeLedgerMails;
        projection.BatchMails = 7;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var steps = new List<string>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => projection.RebuildAsync(null, step =>
        {
            lock (steps)
                steps.Add(step);
            if (step == "assemble")
                stop.Cancel();
        }, stop.Token));
        Assert.Equal(before, await LedgerDump.RebuildTablesAsync(ledger.Ledger, ct));

        await using (var c = await ledger.Ledger.ConnectAsync(ct))
            await c.ExecuteAsync("UPDATE events SET data = json_set(data, '$.title', 5) WHERE message_id = 'h9.v2@example.org' AND kind = 'posted'");
        await Assert.ThrowsAnyAsync<Exception>(() => projection.RebuildAsync(ct));
        var failed = await LedgerDump.RebuildTablesAsync(ledger.Ledger, ct);
        foreach (var table in LedgerDump.RebuildTables.Where(t => t != "events")) // the events hold the broken fact
            Assert.Equal(before[table], failed[table]);

        await using (var c = await ledger.Ledger.ConnectAsync(ct))
            await c.ExecuteAsync("UPDATE events SET data = json_set(data, '$.title', 'thread: restart 9') WHERE message_id = 'h9.v2@example.org' AND kind = 'posted'");
        await projection.RebuildAsync(ct);
        Assert.Equal(before, await LedgerDump.RebuildTablesAsync(ledger.Ledger, ct));
    }

    /// <summary>A ledger on the fixed clock with <see cref="Mixed"/> mail imported.</summary>
    static async Task<TestLedger> MixedLedgerAsync(int rounds)
    {
        var ledger = new TestLedger(time: new FixedTime(Now));
        var mbox = ledger.Dir.File("mixed.mbox");
        File.WriteAllText(mbox, Mixed(rounds));
        await ledger.ImportAsync(mbox);
        return ledger;
    }

    /// <summary>
    /// Interleaved in time, per round: a threaded series with a cover-letter ack; an unthreaded two-patch series;
    /// a patch reposted as v2 a week later under the same title; a revision linked only by change-id; a v2 threaded
    /// under its v1; a reply to a mail the archive lacks; and a discussion with no patch at all.
    /// </summary>
    static string Mixed(int rounds)
    {
        var text = new StringBuilder();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < rounds; i++)
        {
            var t = start.AddHours(3 * i);
            string ada = "Ada Author <ada@example.org>", bo = $"Bo Builder{i % 4} <bo{i % 4}@example.org>";
            text.Append(Entry($"c{i}", null, t, $"[PATCH 0/2] demo: cover {i}", "Two changes.\n", ada));
            text.Append(Patch($"c{i}.1", $"c{i}", t.AddMinutes(1), $"[PATCH 1/2] demo: first of {i}", $"a{i}", ada));
            text.Append(Patch($"c{i}.2", $"c{i}", t.AddMinutes(1), $"[PATCH 2/2] demo: second of {i}", $"b{i}", ada));
            text.Append(Entry($"c{i}.r", $"c{i}", t.AddMinutes(30), $"Re: [PATCH 0/2] demo: cover {i}",
                "Acked-by: Rita Reviewer <rita@example.org>\n", "Rita Reviewer <rita@example.org>"));

            text.Append(Patch($"u{i}.1", null, t.AddMinutes(5), $"[PATCH 1/2] unthreaded: one of {i}", $"u{i}", bo));
            text.Append(Patch($"u{i}.2", null, t.AddMinutes(12), $"[PATCH 2/2] unthreaded: two of {i}", $"v{i}", bo));

            text.Append(Patch($"t{i}", null, t.AddMinutes(20), $"[PATCH] title: keep the limit {i}", $"t{i}", ada));
            text.Append(Patch($"t{i}.v2", null, t.AddDays(7), $"[PATCH v2] title: keep the limit {i}", $"t{i}x", ada));

            text.Append(Patch($"k{i}", null, t.AddMinutes(40), $"[PATCH] change: first title {i}", $"k{i}", bo, $"change-id: 20260101-k{i}-v1-abcdef"));
            text.Append(Patch($"k{i}.v2", null, t.AddDays(3), $"[PATCH v2] change: a new title {i}", $"k{i}x", bo, $"change-id: 20260101-k{i}-v1-abcdef"));

            text.Append(Patch($"h{i}", null, t.AddMinutes(50), $"[PATCH] thread: start {i}", $"h{i}", ada));
            text.Append(Patch($"h{i}.v2", $"h{i}", t.AddDays(1), $"[PATCH v2] thread: restart {i}", $"h{i}x", ada));
            text.Append(Entry($"h{i}.r", $"h{i}.v2", t.AddDays(2), $"Re: [PATCH v2] thread: restart {i}",
                "Reviewed-by: Rita Reviewer <rita@example.org>\n", "Rita Reviewer <rita@example.org>"));

            text.Append(Entry($"m{i}", $"missing{i % 5}", t.AddMinutes(55), $"Re: [PATCH] lost: {i}",
                "Reviewed-by: Rita Reviewer <rita@example.org>\n", "Rita Reviewer <rita@example.org>"));
            text.Append(Entry($"d{i}", null, t.AddMinutes(70), $"question {i}", "Does anyone know?\n", bo));
            text.Append(Entry($"d{i}.r", $"d{i}", t.AddMinutes(80), $"Re: question {i}", "Yes.\n", ada));
        }
        return text.ToString();
    }

    internal static string Patch(string id, string? parent, DateTimeOffset date, string subject, string file, string from, string? footer = null) =>
        Entry(id, parent, date, subject,
            $"Change {id}.\n\nSigned-off-by: {from}\n---\n" + (footer is null ? "" : $"{footer}\n\n") + $" drivers/hwmon/{file}.c | 1 +\n\n" +
            $"diff --git a/drivers/hwmon/{file}.c b/drivers/hwmon/{file}.c\nindex 1111111..2222222 100644\n--- a/drivers/hwmon/{file}.c\n" +
            $"+++ b/drivers/hwmon/{file}.c\n@@ -1 +1,2 @@\n int a;\n+int {file.Replace('.', '_')};\n", from);

    internal static string Entry(string id, string? parent, DateTimeOffset date, string subject, string body, string from) =>
        "From x@example.org Mon Jan  5 10:00:00 2026\n" +
        $"From: {from}\nTo: devel@lists.example.org\nSubject: {subject}\nDate: {date:R}\nMessage-ID: <{id}@example.org>\n" +
        (parent is null ? "" : $"In-Reply-To: <{parent}@example.org>\nReferences: <{parent}@example.org>\n") +
        "\n" + body + "\n";
}
