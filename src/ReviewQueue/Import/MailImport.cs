using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ReviewQueue.Configuration;
using ReviewQueue.Json;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using ReviewQueue.Series;
using ReviewQueue.Storage;

namespace ReviewQueue.Import;

/// <summary>
/// The one way mail comes in (files, stdin, IMAP): read each message, keep it or reject it with
/// reasons, and store in batches of Import:BatchSize, each one transaction, in source order.
/// Three stages overlap: one thread splits the source into batches, up to three batches are parsed
/// and compressed at once on every core, and the oldest parsed one is written meanwhile. At most a
/// few batches are in flight, so memory stays bounded whatever the size of the source.
/// </summary>
public sealed class MailImport(MessageStore store, EventStore events, IMessageClassifier classifier, ReviewPolicy policy, IOptions<ImportOptions> options, TimeProvider time,
    ReadingStamp reading)
{
    public sealed record Totals(int Read, int New, int Duplicate, int Rejected);

    /// <summary>A parsed batch; <see cref="Facts"/> and <see cref="Series"/> are those of each of <see cref="Messages"/>, in its order.</summary>
    sealed record ParsedBatch(IReadOnlyList<RawMail> Mails, List<NewMessage> Messages, List<NewRejected> Rejected,
        List<IReadOnlyList<LedgerEvent>> Facts, List<SeriesMail?> Series);

    /// <summary>Reads and stores every mail; <paramref name="afterBatch"/> runs inside each batch's transaction.</summary>
    /// <param name="fresh">Given the series facts of each batch once it has committed, for the rebuild that follows.</param>
    public async Task<Totals> ImportAsync(IEnumerable<RawMail> mails, string? listId, CancellationToken cancellationToken,
        Func<SqliteConnection, SqliteTransaction, IReadOnlyList<RawMail>, Task>? afterBatch = null, FreshFacts? fresh = null)
    {
        int size = options.Value.BatchSize;
        // The first mail of a new ledger: every fact it will hold is read by these rules.
        reading.MarkIfEmpty();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Batches in source order, each already being parsed: while the writer stores one, the next two are
        // parsed, so the cores never wait at the end of a batch for its last mail.
        var parsed = Channel.CreateBounded<Task<ParsedBatch>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });

        var splitting = Task.Run(async () =>
        {
            try
            {
                var batch = new List<RawMail>(size);
                foreach (var mail in mails)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    batch.Add(mail);
                    if (batch.Count >= size)
                    {
                        await parsed.Writer.WriteAsync(ParseAsync(batch), stop.Token);
                        batch = new List<RawMail>(size);
                    }
                }
                if (batch.Count > 0)
                    await parsed.Writer.WriteAsync(ParseAsync(batch), stop.Token);
                parsed.Writer.Complete();
            }
            catch (Exception e)
            {
                parsed.Writer.Complete(e);
            }
        }, stop.Token);

        Task<ParsedBatch> ParseAsync(List<RawMail> batch) => Task.Run(() => Parse(batch, listId, stop.Token), stop.Token);

        int read = 0, stored = 0, duplicate = 0, rejected = 0;
        try
        {
            await foreach (var parsing in parsed.Reader.ReadAllAsync(stop.Token))
            {
                var batch = await parsing;
                IReadOnlyList<bool> kept = [];
                var outcome = await store.StoreAsync(batch.Messages, batch.Rejected,
                    async (c, tx, stored) =>
                    {
                        // The ledger's facts commit with the messages they come from. A duplicate's are left out: it
                        // was not stored, and `reindex`, which reads the stored mail, would not find them.
                        kept = stored;
                        await events.AppendAsync(c, tx, batch.Facts.Where((_, i) => stored[i]).SelectMany(f => f), cancellationToken);
                        if (afterBatch is not null)
                            await afterBatch(c, tx, batch.Mails);
                    },
                    cancellationToken);
                if (fresh is not null)
                    for (int i = 0; i < batch.Series.Count; i++)
                        if (kept[i] && batch.Series[i] is { } mail)
                            fresh.Add(mail);
                read += batch.Mails.Count;
                stored += outcome.Stored;
                duplicate += outcome.Duplicates;
                rejected += outcome.Rejected;
            }
        }
        catch (ChannelClosedException e) when (e.InnerException is not null)
        {
            // Reading the source failed: say what failed (an IOException is still an IOException).
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
        finally
        {
            // A failed store stops the reader and the batches still being parsed; their own errors surface above.
            stop.Cancel();
            try { await splitting; }
            catch (OperationCanceledException) { }
            while (parsed.Reader.TryRead(out var left))
            {
                // Awaited so nothing runs on after the import returns; what they throw now is not what stopped it.
                try { await left; }
                catch (Exception) { }
            }
        }
        return new Totals(read, stored, duplicate, rejected);
    }

    /// <summary>
    /// A rejected mail is kept once (its bytes' SHA-256 is unique in the table). What is kept of a mail too large or a file
    /// that could not be read is not all of it: with what was wrong (its size, the file), so two such are two.
    /// </summary>
    static string RejectedId(RawMail mail)
    {
        if (mail.Damage is not { Code: MailProblem.TooLarge or MailProblem.Unreadable } damage)
            return Convert.ToHexStringLower(SHA256.HashData(mail.Bytes));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(mail.Bytes);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"\0{damage.Code}\0{damage.Detail}"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    ParsedBatch Parse(List<RawMail> batch, string? listId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var messages = new NewMessage?[batch.Count];
        var rejects = new NewRejected?[batch.Count];
        var facts = new IReadOnlyList<LedgerEvent>?[batch.Count];
        var series = new SeriesMail?[batch.Count];
        // Parsing is the costly part and each mail stands alone: use every core. Compressing here too
        // keeps the writer's transaction short.
        Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var mail = batch[i];
            var result = EnvelopeReader.Read(mail.Bytes);
            if (result.Envelope is not { } e || mail.Damage is not null)
            {
                var problems = mail.Damage is { } damage ? [damage, .. result.Problems] : result.Problems;
                rejects[i] = new NewRejected(RejectedId(mail), mail.Source, mail.Arrived ?? now, Reasons(problems), mail.Bytes);
                return;
            }
            // Read with the arrival as it is stored, which `reindex` reads it with again.
            var arrived = MessageStore.AsStored(mail.Arrived ?? now);
            var (kind, parsed, read) = classifier.Classify(e, mail.Bytes, arrived);
            series[i] = read is null ? null : SeriesMailFactory.From(read, policy.IsObjectionLine);
            facts[i] = series[i] is { } sm ? SeriesFacts.Of(sm).ToList() : null;
            messages[i] = new NewMessage(e.MessageId, e.SyntheticId, listId ?? e.ListId, e.Subject, e.FromName, e.FromEmail,
                e.Date, arrived, mail.Source, mail.Bytes, kind, parsed, Compression.Pack(mail.Bytes));
        });
        var read = Enumerable.Range(0, batch.Count).Where(i => messages[i] is not null).ToList();
        return new ParsedBatch(batch,
            read.Select(i => messages[i]!).ToList(),
            rejects.Where(r => r is not null).Select(r => r!).ToList(),
            read.Select(i => facts[i] ?? []).ToList(),
            read.Select(i => series[i]).ToList());
    }

    /// <summary>A rejected mail's reasons as stored: [{"code":…,"detail":…}], escaped as JsonSerializer does by default.</summary>
    public static string Reasons(IReadOnlyList<MailProblem> problems) => JsonLine.Default.Write(problems, static (w, list) =>
        JsonFields.Objects(w, list, static (w, p) =>
        {
            w.WriteString("code"u8, p.Code);
            w.WriteString("detail"u8, p.Detail);
        }));
}
