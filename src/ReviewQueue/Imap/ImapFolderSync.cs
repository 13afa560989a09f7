using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using MailKit;
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
/// the new UID is written in the same transaction as the messages it covers. Each message's Message-ID header is asked for
/// first, and one the ledger holds already is not downloaded: a UIDVALIDITY change starts the folder again from UID 0, and
/// a folder restored with its mail then costs its headers, not its mail again. A message the server fails to
/// send <see cref="FetchTries"/> times is not asked for again: it is kept as rejected (no bytes, the server's error as the
/// reason) and the folder is read on past it, so one broken message does not hold back all the mail after it. A message the
/// server cannot even list is counted and given up the same way.
/// </summary>
public sealed partial class ImapFolderSync(MailImport import, MessageStore store, ImapCursorStore cursors, SeriesProjection projection,
    TimeProvider time, ILogger<ImapFolderSync> log)
{
    /// <summary>Messages fetched from the server per round before they are stored (fewer when they are large, see FetchBytes).</summary>
    public const int FetchChunk = 100;

    /// <summary>
    /// Bytes fetched from the server per round at most (a larger message goes alone): each is held whole while it is read,
    /// parsed and packed, several times its size, so 100 messages of 20 MB fetched together took gigabytes.
    /// </summary>
    public const long FetchBytes = 32 * 1024 * 1024;

    /// <summary>Failed fetches of one message after which it is given up (kept as rejected) rather than asked for again.</summary>
    public const int FetchTries = 3;

    readonly record struct MessageKey(string Account, string Folder, uint UidValidity, uint Uid);

    sealed record FetchFailure(int Count, string LastError);

    /// <summary>
    /// Failed fetches per message, for the life of the process: the worker reconnects after each (the server may hang up),
    /// so the count has to outlive the connection and the sync call. Shared by the accounts' workers.
    /// </summary>
    readonly ConcurrentDictionary<MessageKey, FetchFailure> failures = new();

    /// <summary>
    /// Messages whose Message-ID headers could not be fetched (the server may fail on a message it cannot read, and hang
    /// up): read whole, one by one, where such a message is counted and given up, instead of failing the headers forever.
    /// </summary>
    readonly ConcurrentDictionary<MessageKey, byte> unheaded = new();

    /// <summary>
    /// Messages of a run the server failed to list (Dovecot fails the whole FETCH on one file it cannot read when the file's
    /// name does not say its size, and hangs up): listed one by one from then on, so the one at fault is found and counted.
    /// </summary>
    readonly ConcurrentDictionary<MessageKey, byte> unlisted = new();

    /// <summary>Stored messages whose flag or move the server refused, warned about once (a move is tried again each round).</summary>
    readonly ConcurrentDictionary<MessageKey, byte> refused = new();

    /// <summary>Test seam: runs inside each batch's transaction before the cursor is written (throw to simulate a crash).</summary>
    internal Func<int, Task>? BeforeCommit { get; set; }

    /// <param name="LastUid">The highest UID this sync looked at: every message up to it is stored or was removed.</param>
    /// <param name="Held">Messages not downloaded because the ledger holds their Message-ID already.</param>
    public sealed record Outcome(uint LastUid, int Fetched, int New, int Duplicate, int Rejected, int Held);

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
            if (left.Count > 0 && await AfterImportAsync(mailbox, folder, state.UidValidity, left, cancellationToken))
                MovedLeftovers(log, account, folder, left.Count, Counted.Noun(left.Count, "message", "messages"), mailbox.Account.MoveTo!);
        }

        MessageKey Key(uint uid) => new(account, folder, state.UidValidity, uid);
        var uids = await mailbox.UidsAfterAsync(folder, last, cancellationToken);
        int fetched = 0, stored = 0, duplicate = 0, rejected = 0, heldTotal = 0, batchNumber = 0;
        uint saved = last;
        foreach (var chunk in uids.Chunk(FetchChunk))
        {
            var listed = await ListAsync(mailbox, folder, state.UidValidity, chunk, cancellationToken);
            var held = await HeldAsync(mailbox, folder, state.UidValidity, listed, cancellationToken);
            var read = new HashSet<uint>(held);
            foreach (var part in Parts(listed.Where(m => !held.Contains(m.Uid)).ToList(), m => GivenUp(Key(m.Uid)) is not null))
            {
                if (part is [var only] && GivenUp(Key(only.Uid)) is { } failure)
                {
                    await KeepUnservedAsync(mailbox, folder, state.UidValidity, only, failure, cancellationToken);
                    saved = Math.Max(saved, only.Uid);
                    read.Add(only.Uid);
                    rejected++;
                    // Done with, as the stored mail is (the leftover pass of the next round would flag or move it anyway).
                    await AfterImportAsync(mailbox, folder, state.UidValidity, [only.Uid], cancellationToken);
                    continue;
                }
                IReadOnlyList<ImapMessage> messages;
                try
                {
                    messages = await mailbox.FetchAsync(folder, part, cancellationToken);
                }
                catch (MessageFetchException e) when (e.InnerException is not (IOException or System.Net.Sockets.SocketException or TimeoutException))
                {
                    // Only what the server said counts against the message: a network that broke while it was in flight
                    // says nothing of the message, and a large one on a poor link must not be given up for it.
                    var error = e.InnerException?.Message ?? e.Message;
                    CountTry(Key(e.Uid), error);
                    throw;
                }
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
                    saved = Math.Max(saved, upTo);
                });
                fetched += messages.Count;
                stored += totals.New;
                duplicate += totals.Duplicate;
                rejected += totals.Rejected;
                Imported(log, account, folder, totals.New, totals.Duplicate, totals.Rejected, part[^1].Uid);
                await AfterImportAsync(mailbox, folder, state.UidValidity, messages.Select(m => m.Uid).ToList(), cancellationToken);
            }
            if (held.Count > 0)
            {
                // Stored already, so the cursor may pass them; where no download after them moved it there, it moves here.
                var top = held.Max();
                if (top > saved)
                {
                    await cursors.SaveAsync(new ImapCursor(account, folder, state.UidValidity, top), time.GetUtcNow(), cancellationToken);
                    saved = top;
                }
                heldTotal += held.Count;
                Held(log, account, folder, held.Count, Counted.Noun(held.Count, "message", "messages"), top);
                await AfterImportAsync(mailbox, folder, state.UidValidity, held.Order().ToList(), cancellationToken);
            }
            // Another client deleted or moved these since the search: the server has nothing left to read.
            var gone = chunk.Where(u => !read.Contains(u)).ToList();
            if (gone.Count > 0)
                RemovedBeforeRead(log, account, folder, gone.Count, Counted.Noun(gone.Count, "message was", "messages were"),
                    Counted.Noun(gone.Count, "UID", "UIDs"), Named(gone));
        }
        // Topics and review debt follow the mail as it arrives (unless a rebuild that ended meanwhile read it already),
        // or, while the last rebuild rests (SeriesProjection.RestFactor), once it is over, by the catch-up worker.
        if (stored > 0 && !projection.Resting)
            await projection.CatchUpAsync(null, cancellationToken);
        return new Outcome(uids.Count > 0 ? uids[^1] : last, fetched, stored, duplicate, rejected, heldTotal);
    }

    /// <summary>
    /// The messages of <paramref name="uids"/> the server still has, as it lists them; one given up is among them (with no
    /// size or date: the server cannot tell them). Where the server fails to list them together, they are listed one by
    /// one, and one it fails to list alone counts a try against it as a failed fetch does, so that it is given up in the
    /// end rather than holding back the folder at every round.
    /// </summary>
    async Task<IReadOnlyList<ListedMessage>> ListAsync(ImapMailbox mailbox, string folder, uint uidValidity, IReadOnlyList<uint> uids,
        CancellationToken cancellationToken)
    {
        var account = mailbox.Account.Name;
        MessageKey Key(uint uid) => new(account, folder, uidValidity, uid);
        if (!uids.Any(u => unlisted.ContainsKey(Key(u))))
        {
            try
            {
                return await mailbox.ListAsync(folder, uids, cancellationToken);
            }
            catch (Exception e) when (e is CommandException or ProtocolException)
            {
                // What the server said (a NO, or a hang-up); a network that broke says nothing of the messages.
                foreach (var uid in uids)
                    unlisted.TryAdd(Key(uid), 0);
                ListFailed(log, account, folder, uids[0], uids[^1], e.Message);
                if (ImapFailure.DropsConnection(e))
                    throw;
            }
        }
        var listed = new List<ListedMessage>(uids.Count);
        foreach (var uid in uids)
        {
            if (GivenUp(Key(uid)) is not null)
            {
                listed.Add(new ListedMessage(uid, 0, null));
                continue;
            }
            try
            {
                listed.AddRange(await mailbox.ListAsync(folder, [uid], cancellationToken));
            }
            catch (Exception e) when (e is CommandException or ProtocolException)
            {
                // Listed alone from now on, whichever run of messages it falls in at the next round; its header would fail
                // as its listing did, and fail the other messages' headers with it.
                unlisted.TryAdd(Key(uid), 0);
                unheaded.TryAdd(Key(uid), 0);
                CountTry(Key(uid), e.Message);
                throw;
            }
        }
        return listed;
    }

    /// <summary>
    /// The listed messages whose Message-ID the ledger holds already, learnt from their Message-ID headers alone: storing
    /// them again would only make duplicates. One without a Message-ID is not among them (its id is derived from its
    /// content, so it is downloaded and compared as before), nor one whose header the server did not give.
    /// </summary>
    async Task<HashSet<uint>> HeldAsync(ImapMailbox mailbox, string folder, uint uidValidity, IReadOnlyList<ListedMessage> listed,
        CancellationToken cancellationToken)
    {
        var account = mailbox.Account.Name;
        var ask = listed.Select(m => m.Uid).Where(u => !unheaded.ContainsKey(new MessageKey(account, folder, uidValidity, u))).ToList();
        if (ask.Count == 0)
            return [];
        IReadOnlyDictionary<uint, string?> ids;
        try
        {
            ids = await mailbox.MessageIdsAsync(folder, ask, cancellationToken);
        }
        catch (Exception e) when (ImapFailure.IsMailError(e))
        {
            // Whatever failed (the server on a message it cannot read, or the network), these are read whole from now on:
            // asked again, a message the server cannot read would fail the headers of its chunk at every round.
            foreach (var uid in ask)
                unheaded.TryAdd(new MessageKey(account, folder, uidValidity, uid), 0);
            HeadersFailed(log, account, folder, ask[0], ask[^1], e.Message);
            if (ImapFailure.DropsConnection(e))
                throw;
            return [];
        }
        var declared = ids.Where(p => p.Value is not null).ToList();
        var held = await store.HeldAsync(declared.Select(p => p.Value!).Distinct().ToList(), cancellationToken);
        return declared.Where(p => held.Contains(p.Value!)).Select(p => p.Key).ToHashSet();
    }

    /// <summary>
    /// Flags or moves stored messages as the account says. Where the server refuses, they are stored all the same: the
    /// refusal is warned about (once per message) and the folder is read on; a move is tried again at the next round, with
    /// the mail stored earlier but not moved. Stopping there would leave all the mail after them unread.
    /// </summary>
    /// <returns>Whether it was done.</returns>
    async Task<bool> AfterImportAsync(ImapMailbox mailbox, string folder, uint uidValidity, IReadOnlyList<uint> uids,
        CancellationToken cancellationToken)
    {
        var account = mailbox.Account.Name;
        var answer = await mailbox.AfterImportAsync(folder, uids, cancellationToken);
        if (answer is null)
        {
            foreach (var uid in uids)
                refused.TryRemove(new MessageKey(account, folder, uidValidity, uid), out _);
            return true;
        }
        var news = uids.Where(u => refused.TryAdd(new MessageKey(account, folder, uidValidity, u), 0)).ToList();
        if (news.Count > 0)
        {
            var named = Named(news);
            var uidNoun = Counted.Noun(news.Count, "UID", "UIDs");
            if (mailbox.Account.AfterImport == AfterImport.Move)
                MoveRefused(log, account, folder, uidNoun, named, mailbox.Account.MoveTo!, answer);
            else
                FlagRefused(log, account, folder, uidNoun, named, answer);
        }
        return false;
    }

    /// <summary>One more failed try to have the server list or send this message (given up at <see cref="FetchTries"/>).</summary>
    void CountTry(MessageKey key, string error) =>
        failures.AddOrUpdate(key, _ => new FetchFailure(1, error), (_, f) => new FetchFailure(f.Count + 1, error));

    /// <summary>UIDs for a log line: the first 20, then "…".</summary>
    static string Named(IReadOnlyList<uint> uids) => string.Join(", ", uids.Take(20)) + (uids.Count > 20 ? ", …" : "");

    FetchFailure? GivenUp(MessageKey key) => failures.TryGetValue(key, out var f) && f.Count >= FetchTries ? f : null;

    /// <summary>
    /// Keeps a message the server would not send as a rejected row with no bytes, and moves the cursor past it in the same
    /// transaction, so it is neither lost without a trace nor asked for again.
    /// </summary>
    async Task KeepUnservedAsync(ImapMailbox mailbox, string folder, uint uidValidity, ListedMessage message, FetchFailure failure,
        CancellationToken cancellationToken)
    {
        var account = mailbox.Account.Name;
        var where = $"account {account}, folder {folder}, UIDVALIDITY {uidValidity}, UID {message.Uid}";
        var reasons = MailImport.Reasons([new MailProblem(MailProblem.Unserved,
            $"the IMAP server failed {failure.Count} times to send the message of {where}; its last error: {failure.LastError}")]);
        // rejected.sha256 is unique (a second copy of the same bytes is not kept twice), and every unserved message has the
        // same (empty) bytes: its identity is derived from where it is instead, so two of them make two rows.
        var identity = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"imap-unserved\n{account}\n{folder}\n{uidValidity}\n{message.Uid}")));
        var now = time.GetUtcNow();
        await store.StoreAsync([], [new NewRejected(identity, mailbox.Source(folder, message.Uid), message.Arrived ?? now, reasons, [])],
            (connection, tx, _) => ImapCursorStore.SaveAsync(connection, tx, new ImapCursor(account, folder, uidValidity, message.Uid), now, cancellationToken),
            cancellationToken);
        failures.TryRemove(new MessageKey(account, folder, uidValidity, message.Uid), out _);
        GaveUp(log, account, folder, message.Uid, uidValidity, failure.Count, failure.LastError);
    }

    /// <summary>
    /// The listed messages in runs of at most <see cref="FetchBytes"/>, in order (a larger message makes a run of its own, and
    /// so does one that is <paramref name="alone"/>).
    /// </summary>
    static IEnumerable<IReadOnlyList<ListedMessage>> Parts(IReadOnlyList<ListedMessage> listed, Func<ListedMessage, bool> alone)
    {
        var part = new List<ListedMessage>();
        long bytes = 0;
        foreach (var m in listed)
        {
            bool single = alone(m);
            if (part.Count > 0 && (single || bytes + m.Size > FetchBytes))
            {
                yield return part;
                part = [];
                bytes = 0;
            }
            part.Add(m);
            bytes += m.Size;
            if (single)
            {
                yield return part;
                part = [];
                bytes = 0;
            }
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

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "IMAP {Account}/{Folder}: gave up on UID {Uid} (UIDVALIDITY {UidValidity}) after {Tries} failed fetches ({Error}); " +
            "kept as rejected without its bytes, reading on after it")]
    static partial void GaveUp(ILogger logger, string account, string folder, uint uid, uint uidValidity, int tries, string error);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "IMAP {Account}/{Folder}: the server refused to move {UidNoun} {Uids} to {MoveTo} ({Answer}); stored in the ledger, " +
            "left in {Folder} and moved at a later round once the server allows it; reading on")]
    static partial void MoveRefused(ILogger logger, string account, string folder, string uidNoun, string uids, string moveTo, string answer);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "IMAP {Account}/{Folder}: the server refused to flag {UidNoun} {Uids} as seen ({Answer}); stored in the ledger, left unflagged; reading on")]
    static partial void FlagRefused(ILogger logger, string account, string folder, string uidNoun, string uids, string answer);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "IMAP {Account}/{Folder}: {Count} {MessageNoun} the ledger holds already (by Message-ID), not downloaded, up to UID {Uid}")]
    static partial void Held(ILogger logger, string account, string folder, int count, string messageNoun, uint uid);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "IMAP {Account}/{Folder}: the server did not give the Message-IDs of UIDs {First} to {Last} ({Error}); they are downloaded whole")]
    static partial void HeadersFailed(ILogger logger, string account, string folder, uint first, uint last, string error);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "IMAP {Account}/{Folder}: the server did not list UIDs {First} to {Last} ({Error}); they are listed one by one")]
    static partial void ListFailed(ILogger logger, string account, string folder, uint first, uint last, string error);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "IMAP {Account}/{Folder}: stored {New} new, {Duplicate} duplicate, {Rejected} rejected, up to UID {Uid}")]
    static partial void Imported(ILogger logger, string account, string folder, int @new, int duplicate, int rejected, uint uid);
}
