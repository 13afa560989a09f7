using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Storage;

public sealed class EventStoreTests
{
    [Fact]
    public async Task FactsOfKindsComeOldestFirstInChunksOfAtMostTheSizeAskedAndNoneOfOtherKinds()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ledger = new TestLedger();
        var events = ledger.Services.GetRequiredService<EventStore>();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        // Appended newest first, with a trailer event between each: the order read is by date, not by insertion.
        var appended = Enumerable.Range(0, 10).Reverse().SelectMany(i => new[]
        {
            new LedgerEvent(start.AddHours(i), i % 2 == 0 ? LedgerEvent.Posted : LedgerEvent.Replied, $"m{i}@example.org", "", $"{{\"n\":{i}}}"),
            new LedgerEvent(start.AddHours(i), LedgerEvent.TrailerGiven, $"m{i}@example.org", "t", "{}"),
        }).ToList();
        Assert.Equal(20, await events.AppendAsync(appended, ct));

        var chunks = new List<IReadOnlyList<StoredFact>>();
        await foreach (var chunk in events.FactsOfKindsAsync([LedgerEvent.Posted, LedgerEvent.Replied], 3, ct))
            chunks.Add(chunk.ToList());

        Assert.Equal([3, 3, 3, 1], chunks.Select(c => c.Count));
        var facts = chunks.SelectMany(c => c).ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"m{i}@example.org"), facts.Select(f => f.MessageId));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{{\"n\":{i}}}"), facts.Select(f => Encoding.UTF8.GetString(f.Data)));
        Assert.All(facts, f => Assert.Contains(f.Kind, new[] { LedgerEvent.Posted, LedgerEvent.Replied }));
    }
}
