using Microsoft.Extensions.Logging;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Import;
using ReviewQueue.Mail.Imap;
using ReviewQueue.Storage;

using ReviewQueue.Series;
using ReviewQueue.Core;

namespace ReviewQueue.Imap;

/// <summary>
/// Brings one folder up to date: everything after the stored UID goes through the import path, and
/// the new UID is written in the same transaction as the messages it covers. A UIDVALIDITY change
/// starts the folder again from UID 0; messages already stored are duplicates by Message-ID.
/// </summary>
public sealed partial class ImapFolderSync(MailImport import, ImapCursorStore cursors, SeriesProjection projection, TimeProvider time, ILogger<ImapFolderSync> log)
{
    /// <summary>Messages fetched from the server per round before they are stored (fewer when they are large, see FetchBytes).</summary>
    public const int FetchChunk = 100;

    /// <summary>
    /// Bytes fetched from the server per round at most (a larger message goes alone): each is held whole while it is read,
    /// parsed and packed, several times its size, so 100 messages of 20 MB fetched together took gigabytes.
    /// </summary>
    public const long FetchBytes = 32 * 1024 * 1024;

    /// <summary>Test seam: runs inside each batch's transaction before the cursor is written (throw to simulate a crash).</summary>
    internal Func<int, Task>? BeforeCommit { get; set; }

    /// <param name="LastUid">The highest UID this sync looked at: every message up to it is stored or was removed.</param>
    public sealed record Outcome(uint LastUid, int Fetched, int New, int Duplicate, int Rejected);

    public async Task<Outcome> SyncAsync(ImapMailbox mailbox, string folder, CancellationToken cancellationToken)
    {
        var account = mailbox.Account.Name;
        var state = await mailbox.OpenAsync(folder, cancellationToken);
        var cursor = await cursors.GetAsync(account, folder, cancellationToken);
        uint last = 0;
        if (cursor is not null && cursor.UidValidity == state.UidValidity)
            last = (uint)cursor.LastUid;
        else if (cursor is not null)
        {
            UidValidityChanged(log, account, folder, cursor.UidValidity, state.UidValidity);
            await cursors.ResetAsync(new ImapCursor(account, folder, state.UidValidity, 0), time.GetUtcNow(), cancellationToken);
        }

        await mailbox.CheckMoveToAsync(cancellationToken);
        if (mailbox.Account.AfterImport == AfterImport.Move && last > 0)
        {
            // Stored in an earlier round but still here: the move after the commit did not happen (the process was killed
            // between the two, or the connection broke). Moved mail leaves the folder, so this is empty as a rule.
            var left = await mailbox.UidsUpToAsync(folder, last, cancellationToken);
            if (left.Count > 0)
            {
                await mailbox.AfterImportAsync(folder, left, cancellationToken);
                MovedLeftovers(log, account, folder, left.Count, Counted.Noun(left.Count, "message", "messages"), mailbox.Account.MoveTo!);
            }
        }

        var uids = await mailbox.UidsAfterAsync(folder, last, cancellationToken);
        int fetched = 0, stored = 0, duplicate = 0, rejected = 0, batchNumber = 0;
        foreach (var chunk in uids.Chunk(FetchChunk))
        {
            var listed = await mailbox.ListAsync(folder, chunk, cancellationToken);
            var read = new HashSet<uint>();
            foreach (var part in Parts(listed))
            {
                var messages = await mailbox.FetchAsync(folder, part, cancellationToken);
                var uidOf = new Dictionary<RawMail, uint>(ReferenceEqualityComparer.Instance);
                foreach (var m in messages)
                {
                    uidOf[m.Mail] = m.Uid;
                    read.Add(m.Uid);
                }
                var totals = await import.ImportAsync(messages.Select(m => m.Mail), listId: null, cancellationToken, async (connection, tx, batch) =>
                {
                    batchNumber++;
                    if (BeforeCommit is not null)
                        await BeforeCommit(batchNumber);
                    var upTo = batch.Max(m => uidOf[m]);
                    await ImapCursorStore.SaveAsync(connection, tx, new ImapCursor(account, folder, state.UidValidity, upTo),
                        time.GetUtcNow(), cancellationToken);
                });
                fetched += messages.Count;
                stored += totals.New;
                duplicate += totals.Duplicate;
                rejected += totals.Rejected;
                Imported(log, account, folder, totals.New, totals.Duplicate, totals.Rejected, part[^1].Uid);
                await mailbox.AfterImportAsync(folder, messages.Select(m => m.Uid).ToList(), cancellationToken);
            }
            // Another client deleted or moved these since the search: the server has nothing left to read.
            var gone = chunk.Where(u => !read.Contains(u)).ToList();
            if (gone.Count > 0)
                RemovedBeforeRead(log, account, folder, gone.Count, gone.Count == 1 ? "message was" : "messages were",
                    gone.Count == 1 ? "UID" : "UIDs", string.Join(", ", gone.Take(20)) + (gone.Count > 20 ? ", …" : ""));
        }
        // Topics and review debt follow the mail as it arrives (unless a rebuild that ended meanwhile read it already).
        if (stored > 0)
            await projection.CatchUpAsync(null, cancellationToken);
        return new Outcome(uids.Count > 0 ? uids[^1] : last, fetched, stored, duplicate, rejected);
    }

    /// <summary>The listed messages in runs of at most <see cref="FetchBytes"/>, in order (a larger message makes a run of its own).</summary>
    static IEnumerable<IReadOnlyList<ListedMessage>> Parts(IReadOnlyList<ListedMessage> listed)
    {
        var part = new List<ListedMessage>();
        long bytes = 0;
        foreach (var m in listed)
        {
            if (part.Count > 0 && bytes + m.Size > FetchBytes)
            {
                yield return part;
                part = [];
                bytes = 0;
            }
            part.Add(m);
            bytes += m.Size;
        }
        if (part.Count > 0)
            yield return part;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "IMAP {Account}/{Folder}: UIDVALIDITY changed from {Old} to {New}: the folder was recreated, reading it again from the start")]
    static partial void UidValidityChanged(ILogger logger, string account, string folder, long old, uint @new);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "IMAP {Account}/{Folder}: moved {Count} {MessageNoun} stored earlier but not yet moved to {MoveTo}")]
    static partial void MovedLeftovers(ILogger logger, string account, string folder, int count, string messageNoun, string moveTo);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "IMAP {Account}/{Folder}: {Count} {MessageNoun} removed from the server before being read ({UidNoun} {Uids})")]
    static partial void RemovedBeforeRead(ILogger logger, string account, string folder, int count, string messageNoun, string uidNoun, string uids);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "IMAP {Account}/{Folder}: stored {New} new, {Duplicate} duplicate, {Rejected} rejected, up to UID {Uid}")]
    static partial void Imported(ILogger logger, string account, string folder, int @new, int duplicate, int rejected, uint uid);
}
