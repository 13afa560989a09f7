using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;
using ReviewQueue.Core.Ingest;

namespace ReviewQueue.Mail.Imap;

/// <summary>A folder as the server sees it at one moment.</summary>
public sealed record FolderState(string Folder, uint UidValidity, int Count);

/// <summary>A message the server still has: its UID, its size in bytes (RFC822.SIZE) and when the server received it.</summary>
public sealed record ListedMessage(uint Uid, long Size, DateTimeOffset? Arrived);

/// <summary>One fetched message and its UID.</summary>
public sealed record ImapMessage(uint Uid, RawMail Mail);

/// <summary>
/// One account's connection: open a folder, list and fetch messages after a UID, mark or move
/// them, and wait for new mail (IDLE when the server offers it, otherwise a plain wait).
/// </summary>
/// <param name="loginInTheClear">Told the host when the login is about to go unencrypted to another machine (see <see cref="LoginInTheClear"/>).</param>
public sealed class ImapMailbox(ImapAccount account, Action<string>? loginInTheClear = null) : IAsyncDisposable
{
    ImapClient? client;
    ProtocolLogger? logger;

    public ImapAccount Account => account;
    public bool IsConnected => client is { IsConnected: true, IsAuthenticated: true };
    public bool CanIdle => client is not null && client.Capabilities.HasFlag(ImapCapabilities.Idle);

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await DropAsync();
        if (account.ProtocolLog is not null)
            logger = new ProtocolLogger(account.ProtocolLog, append: true) { RedactSecrets = true };
        client = logger is null ? new ImapClient() : new ImapClient(logger);
        client.Timeout = (int)TimeSpan.FromSeconds(60).TotalMilliseconds;
        try
        {
            await client.ConnectAsync(account.Host, account.Port, account.Security, cancellationToken);
        }
        catch (NotSupportedException e) when (account.Security == SecureSocketOptions.StartTls)
        {
            // MailKit's word for a server that offers no STARTTLS: TLS was refused, as by a failed handshake.
            throw new SslHandshakeException("the server offers no STARTTLS", e);
        }
        if (LoginInTheClear.Exposes(account.Host, client.IsSecure))
            loginInTheClear?.Invoke(account.Host);
        await client.AuthenticateAsync(account.User, account.Password, cancellationToken);
    }

    /// <summary>Selects the folder (read-write when processed mail is flagged or moved).</summary>
    public async Task<FolderState> OpenAsync(string name, CancellationToken cancellationToken)
    {
        var folder = await FolderAsync(name, cancellationToken);
        var access = account.AfterImport == AfterImport.None ? FolderAccess.ReadOnly : FolderAccess.ReadWrite;
        try
        {
            await folder.OpenAsync(access, cancellationToken);
        }
        catch (ImapCommandException) when (!IsInbox(name))
        {
            // MailKit keeps the folders it has looked up, so one that another client renamed or deleted since is still
            // known here and the server only answers NO. Said as the missing folder it is, which the configuration names.
            if (!await ExistsAsync(name, cancellationToken))
                throw new FolderNotFoundException(name);
            throw;
        }
        return new FolderState(name, folder.UidValidity, folder.Count);
    }

    /// <summary>Whether the server lists the folder now (asked anew, not from MailKit's folder cache).</summary>
    async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken)
    {
        foreach (var space in client!.PersonalNamespaces.Concat(client.SharedNamespaces).Concat(client.OtherNamespaces))
            foreach (var folder in await client.GetFoldersAsync(space, cancellationToken: cancellationToken))
                if (folder.FullName == name && folder.Exists)
                    return true;
        return false;
    }

    static bool IsInbox(string name) => name.Equals("INBOX", StringComparison.OrdinalIgnoreCase);

    /// <summary>UIDs above <paramref name="after"/>, ascending (the server answers "n:*" with the last message even when n is past it).</summary>
    public async Task<IReadOnlyList<uint>> UidsAfterAsync(string name, uint after, CancellationToken cancellationToken)
    {
        var folder = await FolderAsync(name, cancellationToken);
        if (folder.Count == 0)
            return [];
        var range = new UniqueIdRange(new UniqueId(after == uint.MaxValue ? after : after + 1), UniqueId.MaxValue);
        var uids = await folder.SearchAsync(SearchQuery.Uids(range), cancellationToken);
        return uids.Select(u => u.Id).Where(u => u > after).Order().ToList();
    }

    /// <summary>
    /// The messages of <paramref name="uids"/> still in the folder, with their size and arrival, ascending. One that another
    /// client deleted or moved since the search is not in the server's answer.
    /// </summary>
    public async Task<IReadOnlyList<ListedMessage>> ListAsync(string name, IReadOnlyList<uint> uids, CancellationToken cancellationToken)
    {
        var folder = await FolderAsync(name, cancellationToken);
        var ids = uids.Select(u => new UniqueId(u)).ToList();
        var summaries = await folder.FetchAsync(ids, MessageSummaryItems.UniqueId | MessageSummaryItems.InternalDate | MessageSummaryItems.Size,
            cancellationToken);
        return summaries.Select(s => new ListedMessage(s.UniqueId.Id, s.Size ?? 0, s.InternalDate)).OrderBy(m => m.Uid).ToList();
    }

    /// <summary>
    /// The Message-ID each of <paramref name="uids"/> is stored under in the ledger, read from its Message-ID header alone
    /// (a few dozen bytes, not the message); null for one without (its id comes from its content, so only its bytes tell).
    /// One removed since the search is not in the answer.
    /// </summary>
    public async Task<IReadOnlyDictionary<uint, string?>> MessageIdsAsync(string name, IReadOnlyList<uint> uids, CancellationToken cancellationToken)
    {
        var folder = await FolderAsync(name, cancellationToken);
        var ids = uids.Select(u => new UniqueId(u)).ToList();
        var summaries = await folder.FetchAsync(ids, new FetchRequest(MessageSummaryItems.UniqueId, [HeaderId.MessageId]), cancellationToken);
        return summaries.ToDictionary(s => s.UniqueId.Id, s => s.Headers is { } headers ? EnvelopeReader.MessageIdOf(headers) : null);
    }

    /// <summary>
    /// The listed messages' bytes, in order. One removed since it was listed is left out: the server no longer has it, so
    /// there is nothing to read and nothing to wait for. A server error while one is in flight is thrown as a
    /// <see cref="MessageFetchException"/> naming its UID (cancellation stays cancellation).
    /// </summary>
    public async Task<IReadOnlyList<ImapMessage>> FetchAsync(string name, IReadOnlyList<ListedMessage> listed, CancellationToken cancellationToken)
    {
        var folder = await FolderAsync(name, cancellationToken);
        var messages = new List<ImapMessage>(listed.Count);
        foreach (var m in listed)
        {
            try
            {
                // One larger than a mail may be (RawMail.MaxBytes) is not downloaded: its start, where its headers are,
                // is kept with its size as rejected, as import keeps it (RFC 3501's partial fetch, BODY.PEEK[]<0.N>).
                bool tooLarge = m.Size > RawMail.MaxBytes;
                Stream stream;
                try
                {
                    stream = tooLarge
                        ? await folder.GetStreamAsync(new UniqueId(m.Uid), 0, RawMail.KeptOfTooLarge, cancellationToken)
                        : await folder.GetStreamAsync(new UniqueId(m.Uid), cancellationToken);
                }
                catch (MessageNotFoundException)
                {
                    continue;
                }
                await using (stream)
                {
                    using var bytes = new MemoryStream();
                    await stream.CopyToAsync(bytes, cancellationToken);
                    var source = Source(name, m.Uid);
                    messages.Add(new ImapMessage(m.Uid, tooLarge
                        ? RawMail.TooLarge(bytes.ToArray(), m.Size, source, m.Arrived)
                        : new RawMail(bytes.ToArray(), source, m.Arrived)));
                }
            }
            catch (Exception e) when (ImapFailure.IsMailError(e))
            {
                throw new MessageFetchException(name, m.Uid, e);
            }
        }
        return messages;
    }

    /// <summary>Where a message came from, as stored with it: imap:ACCOUNT/FOLDER#UID.</summary>
    public string Source(string folder, uint uid) => $"imap:{account.Name}/{folder}#{uid}";

    /// <summary>UIDs from 1 to <paramref name="last"/> still in the folder, ascending.</summary>
    public async Task<IReadOnlyList<uint>> UidsUpToAsync(string name, uint last, CancellationToken cancellationToken)
    {
        var folder = await FolderAsync(name, cancellationToken);
        if (folder.Count == 0 || last == 0)
            return [];
        var uids = await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId(1), new UniqueId(last))), cancellationToken);
        return uids.Select(u => u.Id).Where(u => u <= last).Order().ToList();
    }

    /// <summary>
    /// With AfterImport Move, the folder stored mail goes to; throws FolderNotFoundException (naming it) when the server
    /// has none, before any mail is stored that could then not be moved.
    /// </summary>
    public async Task CheckMoveToAsync(CancellationToken cancellationToken)
    {
        if (account.AfterImport != AfterImport.Move)
            return;
        try
        {
            await FolderAsync(account.MoveTo!, cancellationToken);
        }
        catch (FolderNotFoundException e) when (e.FolderName is null or "")
        {
            throw new FolderNotFoundException(account.MoveTo!);
        }
    }

    /// <summary>Flags or moves messages already stored, as the account says.</summary>
    /// <returns>
    /// Null when done; the server's answer when it refused (a NO: no right to insert into MoveTo, a full quota; or a folder
    /// it opened read-only), and the messages stay as they were. A MoveTo folder the server no longer has is not a refusal
    /// but FolderNotFoundException naming it, as <see cref="CheckMoveToAsync"/> says before any mail is stored.
    /// </returns>
    public async Task<string?> AfterImportAsync(string name, IReadOnlyList<uint> uids, CancellationToken cancellationToken)
    {
        if (uids.Count == 0 || account.AfterImport == AfterImport.None)
            return null;
        var folder = await FolderAsync(name, cancellationToken);
        var ids = uids.Select(u => new UniqueId(u)).ToList();
        try
        {
            if (account.AfterImport == AfterImport.Flag)
                await folder.AddFlagsAsync(ids, MessageFlags.Seen, silent: true, cancellationToken);
            else
                await folder.MoveToAsync(ids, await FolderAsync(account.MoveTo!, cancellationToken), cancellationToken);
            return null;
        }
        catch (ImapCommandException e)
        {
            // MailKit keeps the folders it has looked up, so a MoveTo deleted since is only a NO [TRYCREATE] here.
            if (account.AfterImport == AfterImport.Move && !await ExistsAsync(account.MoveTo!, cancellationToken))
                throw new FolderNotFoundException(account.MoveTo!);
            return string.IsNullOrWhiteSpace(e.ResponseText) ? e.Message : e.ResponseText;
        }
        catch (FolderNotOpenException) when (folder is { IsOpen: true, Access: FolderAccess.ReadOnly })
        {
            // The server answered the SELECT with [READ-ONLY] (the user may read the folder but not change it): MailKit
            // refuses the command itself, for the server.
            return $"the server opened {name} read-only";
        }
    }

    /// <summary>
    /// Waits until the folder holds a message above <paramref name="seenUid"/> or its message count changes, or at most
    /// <paramref name="longest"/>. With IDLE the server tells us at once; without it this is a poll.
    /// </summary>
    public async Task WaitAsync(string name, uint seenUid, TimeSpan longest, CancellationToken cancellationToken)
    {
        if (!CanIdle)
        {
            await Task.Delay(longest, cancellationToken);
            return;
        }
        var folder = await FolderAsync(name, cancellationToken);
        if (!folder.IsOpen)
            await OpenAsync(name, cancellationToken);
        using var done = new CancellationTokenSource(longest);
        void Changed(object? sender, EventArgs e) => done.Cancel();
        // Watched from before the check below, so mail that comes while it runs still ends the wait.
        folder.CountChanged += Changed;
        try
        {
            // Mail that came since the round's search shows up as EXISTS on this NOOP, and above seenUid. The count
            // alone does not tell: a message removed meanwhile (by a mail client, or moved by us) keeps it equal.
            await client!.NoOpAsync(cancellationToken);
            if (done.IsCancellationRequested || (await UidsAfterAsync(name, seenUid, cancellationToken)).Count > 0)
                return;
            await client.IdleAsync(done.Token, cancellationToken);
        }
        finally
        {
            folder.CountChanged -= Changed;
        }
    }

    async Task<IMailFolder> FolderAsync(string name, CancellationToken cancellationToken)
    {
        if (client is null)
            throw new ServiceNotConnectedException("not connected");
        return IsInbox(name) ? client.Inbox : await client.GetFolderAsync(name, cancellationToken);
    }

    /// <summary>Closes the connection quietly (it may already be gone).</summary>
    public async Task DropAsync()
    {
        if (client is not null)
        {
            try
            {
                if (client.IsConnected)
                {
                    using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await client.DisconnectAsync(quit: true, quick.Token);
                }
            }
            catch (Exception e) when (ImapFailure.IsMailError(e) || e is OperationCanceledException)
            {
                // Already broken: nothing more to close politely.
            }
            client.Dispose();
            client = null;
        }
        logger?.Dispose();
        logger = null;
    }

    public async ValueTask DisposeAsync() => await DropAsync();
}
