using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ReviewQueue.Configuration;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Storage;

namespace ReviewQueue.Import;

/// <summary>
/// The one way mail comes in (files, stdin, IMAP): read each message, keep it or reject it with
/// reasons, and store in batches of Import:BatchSize, each one transaction.
/// </summary>
public sealed class MailImport(MessageStore store, IMessageClassifier classifier, IOptions<ImportOptions> options, TimeProvider time)
{
    public sealed record Totals(int Read, int New, int Duplicate, int Rejected);

    /// <summary>Reads and stores every mail; <paramref name="afterBatch"/> runs inside each batch's transaction.</summary>
    public async Task<Totals> ImportAsync(IEnumerable<RawMail> mails, string? listId, CancellationToken cancellationToken,
        Func<SqliteConnection, SqliteTransaction, IReadOnlyList<RawMail>, Task>? afterBatch = null)
    {
        int read = 0, stored = 0, duplicate = 0, rejected = 0;
        var batch = new List<RawMail>(options.Value.BatchSize);
        foreach (var mail in mails)
        {
            cancellationToken.ThrowIfCancellationRequested();
            batch.Add(mail);
            if (batch.Count >= options.Value.BatchSize)
                await Flush();
        }
        await Flush();
        return new Totals(read, stored, duplicate, rejected);

        async Task Flush()
        {
            if (batch.Count == 0)
                return;
            var outcome = await StoreBatchAsync(batch, listId, afterBatch, cancellationToken);
            read += batch.Count;
            stored += outcome.Stored;
            duplicate += outcome.Duplicates;
            rejected += outcome.Rejected;
            batch.Clear();
        }
    }

    async Task<BatchOutcome> StoreBatchAsync(IReadOnlyList<RawMail> batch, string? listId,
        Func<SqliteConnection, SqliteTransaction, IReadOnlyList<RawMail>, Task>? afterBatch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var messages = new NewMessage[batch.Count];
        var rejects = new NewRejected?[batch.Count];
        // Parsing is the costly part and each mail stands alone: use both cores.
        Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var mail = batch[i];
            var result = EnvelopeReader.Read(mail.Bytes);
            if (result.Envelope is not { } e)
            {
                rejects[i] = new NewRejected(Convert.ToHexStringLower(SHA256.HashData(mail.Bytes)), mail.Source,
                    mail.Arrived ?? now, JsonSerializer.Serialize(result.Problems.Select(p => new { code = p.Code, detail = p.Detail })), mail.Bytes);
                return;
            }
            var (kind, parsed) = classifier.Classify(e, mail.Bytes, mail.Arrived ?? now);
            messages[i] = new NewMessage(e.MessageId, e.SyntheticId, listId ?? e.ListId, e.Subject, e.FromName, e.FromEmail,
                e.Date, mail.Arrived ?? now, mail.Source, mail.Bytes, kind, parsed);
        });
        return await store.StoreAsync(
            messages.Where(m => m is not null).ToList(),
            rejects.Where(r => r is not null).Select(r => r!).ToList(),
            afterBatch is null ? null : (c, tx) => afterBatch(c, tx, batch),
            cancellationToken);
    }

}
