using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Review;
using ReviewQueue.Import;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Series;

/// <summary>
/// A reindex stopped on the way (Ctrl-C, a kill, a crash, run stopped while it reads the ledger again at start) leaves
/// the ledger's mail facts as they were: the next rebuild still finds every topic, and nothing has to say "reindex" to
/// get them back. A rebuild while it reads (the service's) finds them whole too.
/// </summary>
public sealed class StoppedReindexTests
{
    [Fact]
    public async Task AReindexStoppedWhileReadingTheMailAgainLeavesEveryFactAndTopic()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ledger = new TestLedger();
        await ledger.ImportAsync(RepoPaths.Of("samples", "demo.mbox"));
        var services = ledger.Services;
        var projection = services.GetRequiredService<SeriesProjection>();
        var before = Snapshot(ledger.DatabasePath);
        Assert.True(before.Facts > 0 && before.Topics > 0, "the demo has facts and topics");

        // Stopped at the 5th mail it reads again: as a kill there, what it committed so far is all that is left.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reindexer = ReindexerWith(ledger, new StoppingClassifier(services.GetRequiredService<IMessageClassifier>(), stop, after: 5));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reindexer.RunAsync(stop.Token));

        Assert.Equal(before.Facts, Snapshot(ledger.DatabasePath).Facts);
        await projection.RebuildAsync(ct); // what the next import, sync or `run` does
        Assert.Equal(before, Snapshot(ledger.DatabasePath));
        Assert.Null(services.GetRequiredService<ReadingStamp>().Staleness());
    }

    [Fact]
    public async Task AReindexThatEndsLeavesTheSameFactsAndTopicsAsTheImport()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ledger = new TestLedger();
        await ledger.ImportAsync(RepoPaths.Of("samples", "demo.mbox"));
        var before = Snapshot(ledger.DatabasePath);

        var result = await ledger.Services.GetRequiredService<Reindexer>().RunAsync(ct);

        Assert.Equal(before.Topics, result.Projection.Topics);
        Assert.Equal(before, Snapshot(ledger.DatabasePath));
    }

    /// <summary>
    /// `run` serving the ledger rebuilds whenever mail comes in, also while a reindex (its own at start, or the
    /// operator's) reads the mail again: that rebuild finds the facts as they were, not the part read so far.
    /// </summary>
    [Fact]
    public async Task ARebuildWhileAReindexReadsTheMailAgainFindsEveryTopic()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ledger = new TestLedger();
        await ledger.ImportAsync(RepoPaths.Of("samples", "demo.mbox"));
        var services = ledger.Services;
        var projection = services.GetRequiredService<SeriesProjection>();
        var before = Snapshot(ledger.DatabasePath);
        var paused = new PausingClassifier(services.GetRequiredService<IMessageClassifier>(), at: 5);
        var reindexer = ReindexerWith(ledger, paused);

        var reindex = Task.Run(() => reindexer.RunAsync(ct), ct);
        await paused.Reached.WaitAsync(ct);
        try
        {
            await projection.RebuildAsync(ct);
            Assert.Equal(before, Snapshot(ledger.DatabasePath));
        }
        finally
        {
            paused.Go.Set();
        }
        await reindex;

        Assert.Equal(before, Snapshot(ledger.DatabasePath));
    }

    /// <summary>The ledger's reindexer with <paramref name="classifier"/> reading its mail (one that stops or pauses on the way).</summary>
    static Reindexer ReindexerWith(TestLedger ledger, IMessageClassifier classifier)
    {
        var services = ledger.Services;
        return new Reindexer(ledger.Ledger, services.GetRequiredService<MessageStore>(), services.GetRequiredService<EventStore>(),
            classifier, services.GetRequiredService<ReviewPolicy>(), services.GetRequiredService<SeriesProjection>(),
            services.GetRequiredService<ReadingStamp>());
    }

    sealed class PausingClassifier(IMessageClassifier inner, int at) : IMessageClassifier
    {
        int seen;
        public SemaphoreSlim Reached { get; } = new(0);
        public ManualResetEventSlim Go { get; } = new(false);

        public Classified Classify(MailEnvelope envelope, byte[] raw, DateTimeOffset? arrived)
        {
            if (Interlocked.Increment(ref seen) == at)
            {
                Reached.Release();
                Go.Wait(TimeSpan.FromMinutes(1));
            }
            return inner.Classify(envelope, raw, arrived);
        }
    }

    sealed class StoppingClassifier(IMessageClassifier inner, CancellationTokenSource stop, int after) : IMessageClassifier
    {
        int seen;

        public Classified Classify(MailEnvelope envelope, byte[] raw, DateTimeOffset? arrived)
        {
            if (Interlocked.Increment(ref seen) == after)
                stop.Cancel();
            return inner.Classify(envelope, raw, arrived);
        }
    }

    /// <summary>The mail facts (without their ids and times of recording, which a reindex renews) and the topics.</summary>
    sealed record State(long Facts, string FactKeys, long Topics, string TopicRows);

    static State Snapshot(string db)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        return new State(
            Scalar(c, "SELECT count(*) FROM events WHERE kind IN ('posted', 'replied', 'trailer', 'nak', 'applied', 'withdrawn')"),
            Rows(c, "SELECT kind, message_id, target, at, data FROM events WHERE kind IN ('posted', 'replied', 'trailer', 'nak', 'applied', 'withdrawn') ORDER BY 1, 2, 3"),
            Scalar(c, "SELECT count(*) FROM topics"),
            Rows(c, "SELECT id, state, current_version, patches, reviewed, data FROM topics ORDER BY id"));
    }

    static long Scalar(SqliteConnection c, string sql)
    {
        using var command = new SqliteCommand(sql, c);
        return (long)command.ExecuteScalar()!;
    }

    static string Rows(SqliteConnection c, string sql)
    {
        using var command = new SqliteCommand(sql, c);
        using var reader = command.ExecuteReader();
        var text = new System.Text.StringBuilder();
        while (reader.Read())
        {
            for (int i = 0; i < reader.FieldCount; i++)
                text.Append(reader.GetValue(i)).Append('\t');
            text.Append('\n');
        }
        return text.ToString();
    }
}
