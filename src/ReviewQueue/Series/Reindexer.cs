using Dapper;
using Microsoft.Data.Sqlite;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using ReviewQueue.Import;
using ReviewQueue.Storage;

namespace ReviewQueue.Series;

/// <summary>
/// Rebuilds everything derived from mail out of the stored raw messages: each message's kind and
/// record, the ledger facts read from mail, and the topics. Facts from elsewhere (merges) stay.
/// </summary>
public sealed class Reindexer(Ledger ledger, MessageStore messages, EventStore events, IMessageClassifier classifier, ReviewPolicy policy, SeriesProjection projection,
    ReadingStamp reading)
{
    public sealed record Result(int Messages, int Unreadable, SeriesProjection.Result Projection);

    public async Task<Result> RunAsync(CancellationToken cancellationToken)
    {
        // The facts read again wait beside the old ones until all are read, then replace them at once, in the rebuild's
        // turn: stopped before, the ledger keeps its facts; no rebuild reads the ledger between the swap and this one.
        await using var stage = await events.StageMailFactsAsync(cancellationToken);
        int count = 0, unreadable = 0;
        var batch = new List<(long Id, string MessageId, byte[] Raw, DateTimeOffset? Arrived)>();
        await foreach (var row in messages.AllRawAsync(cancellationToken))
        {
            batch.Add(row);
            if (batch.Count == 1000)
                unreadable += await StoreAsync(batch, stage, cancellationToken);
            count++;
        }
        unreadable += await StoreAsync(batch, stage, cancellationToken);
        var rebuilt = await projection.RebuildAsync(stage.SwapAsync, cancellationToken);
        reading.Mark(); // after the debt is measured too: stopped before, the next start reads it all again
        return new Result(count, unreadable, rebuilt);
    }

    async Task<int> StoreAsync(List<(long Id, string MessageId, byte[] Raw, DateTimeOffset? Arrived)> batch, MailFactsStage stage, CancellationToken cancellationToken)
    {
        var read = new (long Id, Classified? What)[batch.Count];
        Parallel.For(0, batch.Count, i =>
        {
            var envelope = EnvelopeReader.Read(batch[i].Raw).Envelope;
            // With the arrival the import read it with: a mail without a readable Date is dated by it.
            read[i] = (batch[i].Id, envelope is null ? null : classifier.Classify(envelope, batch[i].Raw, batch[i].Arrived));
        });
        var facts = new List<LedgerEvent>();
        await using (var c = await ledger.ConnectAsync(cancellationToken))
        await using (var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken))
        {
            // A message's kind and record by these rules: stopped after this batch, the rest keep the old ones, which is
            // what they were before (the facts, and so the topics, are the old ones until the swap).
            foreach (var (id, what) in read)
            {
                if (what is null)
                    continue;
                await c.ExecuteAsync(new CommandDefinition("UPDATE messages SET kind = @Kind, parsed = @Parsed WHERE id = @id",
                    new { what.Kind, what.Parsed, id }, tx, cancellationToken: cancellationToken));
                if (what.Mail is not null && SeriesMailFactory.From(what.Mail, policy.IsObjectionLine) is { } sm)
                    facts.AddRange(SeriesFacts.Of(sm));
            }
            await tx.CommitAsync(cancellationToken);
        }
        await stage.AddAsync(facts, cancellationToken);
        batch.Clear();
        return read.Count(r => r.What is null);
    }
}
