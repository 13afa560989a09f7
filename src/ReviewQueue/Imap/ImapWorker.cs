using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewQueue.Configuration;
using ReviewQueue.Mail.Imap;

namespace ReviewQueue.Imap;

/// <summary>
/// Reads one IMAP account for as long as the service runs: sync every folder, then IDLE on the
/// first one (or wait Imap:PollInterval when the server has no IDLE), and again. After a network or
/// protocol error it reconnects, waiting 1 s, 2 s, 4 s… up to Imap:ReconnectMax; after a command
/// error (NO/BAD) the connection is kept and only the wait applies. A folder that fails on its own
/// (missing, or a NO) is logged and tried again at the next round, which comes sooner while it fails
/// (the same backoff, at most Imap:PollInterval); the other folders are read meanwhile.
/// </summary>
public sealed partial class ImapWorker(int accountIndex, IOptions<ImapOptions> options, ImapFolderSync sync, TimeProvider time,
    ILogger<ImapWorker> log) : BackgroundService
{
    public ImapAccount Account { get; } = options.Value.Account(accountIndex);

    /// <summary>Completed sync rounds (for tests and health: the worker is alive and caught up).</summary>
    public int Rounds => rounds;
    int rounds;

    /// <summary>Whether the server offered IDLE on the last connection (else the worker polls).</summary>
    public bool UsesIdle { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var account = Account;
        var poll = options.Value.PollInterval;
        var backoff = TimeSpan.Zero;
        await using var mailbox = new ImapMailbox(account, host =>
            ClearTextLogin.Warn(log, $"IMAP {account.Name}", host, account.Port, $"Imap:Accounts:{accountIndex}:Security", account.Security.ToString()));
        while (!stoppingToken.IsCancellationRequested)
        {
            bool connecting = !mailbox.IsConnected;
            try
            {
                if (connecting)
                {
                    await mailbox.ConnectAsync(stoppingToken);
                    connecting = false;
                    UsesIdle = mailbox.CanIdle;
                    Connected(log, account.Name, account.Host, account.Port, mailbox.CanIdle ? "IDLE" : $"polling every {poll}");
                }
                var (seen, failed) = await ReadFoldersAsync(mailbox, stoppingToken);
                Interlocked.Increment(ref rounds);
                backoff = failed.Count == 0 ? TimeSpan.Zero : Longer(backoff);
                // A folder that failed is tried again at the next round, which comes sooner while it fails.
                var wait = failed.Count == 0 || backoff > poll ? poll : backoff;
                foreach (var (folder, e) in failed.DistinctBy(f => f.Error is MailKit.FolderNotFoundException m ? m.FolderName : f.Folder))
                    FolderFailed(e, folder, wait);
                // IDLE watches the first folder; the others are checked every time it wakes (at least every PollInterval).
                if (seen is { } lastUid)
                    await mailbox.WaitAsync(account.Folders[0], lastUid, wait, stoppingToken);
                else
                    await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (ImapFailure.IsMailError(e) || e is SqliteException)
            {
                backoff = Longer(backoff);
                if (e is MailKit.FolderNotFoundException { FolderName: { Length: > 0 } })
                    FolderFailed(e, account.Folders[0], backoff);
                else if (e is MailKit.Security.AuthenticationException)
                {
                    // Not the network: the server said no to this user and password, and will until one of them changes.
                    LoginRefused(log, account.Name, account.Host, account.Port, account.User, e.Message, accountIndex, backoff);
                    await mailbox.DropAsync();
                }
                else if (e is MailKit.Security.SslHandshakeException && connecting)
                {
                    // Not the network either: the server and Security do not agree on TLS, and will not until one changes.
                    // MailKit's own message lists every possible cause; the inner exception names the one that happened.
                    TlsRefused(log, account.Name, account.Host, account.Port, e.InnerException?.Message ?? e.Message, accountIndex,
                        account.Security.ToString(), backoff);
                    await mailbox.DropAsync();
                }
                else if (ImapFailure.DropsConnection(e))
                {
                    if (connecting)
                        CannotConnect(log, account.Name, account.Host, account.Port, e.GetType().Name, e.Message, backoff);
                    else
                        ConnectionLost(log, account.Name, e.GetType().Name, e.Message, backoff);
                    await mailbox.DropAsync();
                }
                else
                    CommandFailed(log, account.Name, e.GetType().Name, e.Message, backoff);
                try
                {
                    await Task.Delay(backoff, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Reads every folder once. A folder's own trouble (the server has no such folder, or answers a command with NO) is
    /// returned and the next folder is read, as the connection holds; what breaks the connection ends the round.
    /// </summary>
    /// <returns>The last UID looked at in the first folder (null when it failed), and the folders that failed.</returns>
    async Task<(uint? Seen, List<(string Folder, Exception Error)> Failed)> ReadFoldersAsync(ImapMailbox mailbox, CancellationToken cancellationToken)
    {
        uint? seen = null;
        var failed = new List<(string, Exception)>();
        for (int i = 0; i < Account.Folders.Count; i++)
        {
            try
            {
                var outcome = await sync.SyncAsync(mailbox, Account.Folders[i], cancellationToken);
                if (i == 0)
                    seen = outcome.LastUid;
            }
            catch (Exception e) when (ImapFailure.IsMailError(e) && !ImapFailure.DropsConnection(e))
            {
                failed.Add((Account.Folders[i], e));
            }
        }
        return (seen, failed);
    }

    TimeSpan Longer(TimeSpan backoff) =>
        backoff == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.Value.ReconnectMax.Ticks));

    void FolderFailed(Exception e, string folder, TimeSpan wait)
    {
        if (e is MailKit.FolderNotFoundException { FolderName: { Length: > 0 } missing })
            FolderMissing(log, Account.Name, missing, missing == Account.MoveTo ? $"Imap:Accounts:{accountIndex}:MoveTo" : $"Imap:Accounts:{accountIndex}:Folders",
                wait);
        else
            FolderCommandFailed(log, Account.Name, folder, e.GetType().Name, e.Message, wait);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "IMAP {Account}: connected to {Host}:{Port}, waiting for mail by {How}")]
    static partial void Connected(ILogger logger, string account, string host, int port, string how);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IMAP {Account}: connection lost ({Error}: {Detail}); reconnecting in {Wait}")]
    static partial void ConnectionLost(ILogger logger, string account, string error, string detail, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IMAP {Account}: cannot connect to {Host}:{Port} ({Error}: {Detail}); trying again in {Wait}")]
    static partial void CannotConnect(ILogger logger, string account, string host, int port, string error, string detail, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Error, Message = "IMAP {Account}: {Host}:{Port} refused the login of user '{User}' ({Detail}): check " +
        "Imap:Accounts:{Index}:User and the password in Imap__Accounts__{Index}__Password; trying again in {Wait}")]
    static partial void LoginRefused(ILogger logger, string account, string host, int port, string user, string detail, int index, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Error, Message = "IMAP {Account}: cannot set up TLS with {Host}:{Port} ({Detail}); " +
        "Imap:Accounts:{Index}:Security is {Security}: SslOnConnect takes a port that speaks TLS from the start (993 as a rule), StartTls " +
        "one that offers STARTTLS (143), and the server's certificate must be one this machine trusts; trying again in {Wait}")]
    static partial void TlsRefused(ILogger logger, string account, string host, int port, string detail, int index, string security, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Error, Message = "IMAP {Account}: the server has no folder '{Folder}' ({Key}): create it or correct the key; " +
        "trying again in {Wait}")]
    static partial void FolderMissing(ILogger logger, string account, string folder, string key, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IMAP {Account}/{Folder}: {Error}: {Detail}; the other folders are read, this one again in {Wait}")]
    static partial void FolderCommandFailed(ILogger logger, string account, string folder, string error, string detail, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IMAP {Account}: {Error}: {Detail}; connection kept, trying again in {Wait}")]
    static partial void CommandFailed(ILogger logger, string account, string error, string detail, TimeSpan wait);
}
