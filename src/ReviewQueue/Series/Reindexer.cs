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
        await using (var c = await ledger.ConnectAsync(cancellationToken))
        await using (var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken))
        {
            await EventStore.ForgetMailFactsAsync(c, tx, cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        int count = 0, unreadable = 0;
        var batch = new List<(long Id, string MessageId, byte[] Raw)>();
        await foreach (var row in messages.AllRawAsync(cancellationToken))
        {
            batch.Add(row);
            if (batch.Count == 1000)
                unreadable += await StoreAsync(batch, cancellationToken);
            count++;
        }
        unreadable += await StoreAsync(batch, cancellationToken);
        var rebuilt = await projection.RebuildAsync(cancellationToken);
        reading.Mark(); // after the debt is measured too: stopped before, the next start reads it all again
        return new Result(count, unreadable, rebuilt);
    }

    async Task<int> StoreAsync(List<(long Id, string MessageId, byte[] Raw)> batch, CancellationToken cancellationToken)
    {
        var read = new (long Id, Classified? What)[batch.Count];
        Parallel.For(0, batch.Count, i =>
        {
            var envelope = EnvelopeReader.Read(batch[i].Raw).Envelope;
            read[i] = (batch[i].Id, envelope is null ? null : classifier.Classify(envelope, batch[i].Raw, null));
        });
        await using var c = await ledger.ConnectAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken);
        int unreadable = 0;
        foreach (var (id, what) in read)
        {
            if (what is null)
            {
                unreadable++;
                continue;
            }
            await c.ExecuteAsync(new CommandDefinition("UPDATE messages SET kind = @Kind, parsed = @Parsed WHERE id = @id",
                new { what.Kind, what.Parsed, id }, tx, cancellationToken: cancellationToken));
            if (what.Mail is not null && SeriesMailFactory.From(what.Mail, policy.IsObjectionLine) is { } sm)
                await events.AppendAsync(c, tx, SeriesFacts.Of(sm), cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        batch.Clear();
        return unreadable;
    }
}
