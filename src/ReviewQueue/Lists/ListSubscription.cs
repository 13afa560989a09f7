using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using ReviewQueue.Configuration;
using ReviewQueue.Core.Lists;
using ReviewQueue.Imap;
using ReviewQueue.Mail.Imap;
using ReviewQueue.Mail.Smtp;
using ReviewQueue.Storage;

namespace ReviewQueue.Lists;

/// <summary>
/// Subscribes an IMAP account's address to a mailing list: sends the request by SMTP, watches the
/// account's INBOX for the list's confirmation mail, answers it, and records each step in `lists`.
/// </summary>
public sealed partial class ListSubscription(ListStore lists, IOptions<ImapOptions> imap, IOptions<SmtpOptions> smtp, TimeProvider time,
    ILogger<ListSubscription> log)
{
    public enum Result { Confirmed, TimedOut }

    /// <summary>
    /// A problem with the request itself, said in the configuration's words: with the command line (<paramref name="usage"/>:
    /// not an address, no such --account, --account needed) or with the configuration (no SMTP host, no account, no Address).
    /// </summary>
    public sealed class Problem(string message, bool usage = false) : Exception(message)
    {
        public bool IsUsage => usage;
    }

    public async Task<Result> SubscribeAsync(string listAddress, string? accountName, ListSoftware software, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        if (!MailboxAddress.TryParse(listAddress, out var list) || !list.Address.Contains('@'))
            throw new Problem($"not a list address: {listAddress}", usage: true);
        if (!smtp.Value.Configured)
            throw new Problem("Smtp:Host is not set: subscribing needs to send mail");
        var accounts = imap.Value.Accounts;
        int index = accountName is null
            ? (accounts.Count == 1 ? 0 : throw new Problem(accounts.Count == 0
                ? "Imap:Accounts is empty: the confirmation is read from an IMAP account"
                : $"several Imap:Accounts: say which with --account NAME ({string.Join(", ", accounts.Select(a => a.Name))})", usage: accounts.Count > 0))
            : accounts.FindIndex(a => a.Name.Equals(accountName, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
            throw new Problem($"no Imap:Accounts entry is named {accountName}" +
                (accounts.Count > 0 ? $" (there are: {string.Join(", ", accounts.Select(a => a.Name))})" : ""), usage: accounts.Count > 0);
        if (string.IsNullOrWhiteSpace(accounts[index].Address))
            throw new Problem($"Imap:Accounts:{index}:Address is missing: the address to subscribe");
        var account = imap.Value.Account(index);
        var subscriber = MailboxAddress.Parse(accounts[index].Address!);
        var sender = new SmtpSender(smtp.Value.Settings, host =>
            ClearTextLogin.Warn(log, "SMTP", host, smtp.Value.Port, "Smtp:Security", smtp.Value.Security.ToString()));

        await using var mailbox = new ImapMailbox(account with { AfterImport = AfterImport.None }, host =>
            ClearTextLogin.Warn(log, $"IMAP {account.Name}", host, account.Port, $"Imap:Accounts:{index}:Security", account.Security.ToString()));
        await mailbox.ConnectAsync(cancellationToken);
        await mailbox.OpenAsync("INBOX", cancellationToken);
        // Only mail after the request can be its confirmation.
        var before = (await mailbox.UidsAfterAsync("INBOX", 0, cancellationToken)).DefaultIfEmpty(0u).Max();

        await sender.SendAsync(ListRequests.Subscribe(software, list, subscriber), cancellationToken);
        await lists.RequestedAsync(list.Address, ListRequests.ConventionalListId(list.Address), software.ToString().ToLowerInvariant(),
            account.Name, subscriber.Address, time.GetUtcNow(), cancellationToken);
        Requested(log, list.Address, subscriber.Address, software.ToString());

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                await mailbox.OpenAsync("INBOX", deadline.Token);
                var uids = await mailbox.UidsAfterAsync("INBOX", before, deadline.Token);
                foreach (var m in await mailbox.FetchAsync("INBOX", await mailbox.ListAsync("INBOX", uids, deadline.Token), deadline.Token))
                {
                    using var stream = new MemoryStream(m.Mail.Bytes);
                    var mail = await MimeMessage.LoadAsync(stream, deadline.Token);
                    var answer = ListRequests.ConfirmationAnswer(software, list, subscriber, mail);
                    if (answer is null)
                        continue;
                    await sender.SendAsync(answer, cancellationToken);
                    var listId = mail.Headers[HeaderId.ListId] is { Length: > 0 } id ? id.Trim().Trim('<', '>').Trim() : null;
                    await lists.ConfirmedAsync(list.Address, listId, time.GetUtcNow(), cancellationToken);
                    Confirmed(log, list.Address, subscriber.Address);
                    return Result.Confirmed;
                }
                if (uids.Count > 0)
                    before = uids[^1];
                await mailbox.WaitAsync("INBOX", before, TimeSpan.FromSeconds(5), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Result.TimedOut;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Asked {List} ({Software}) to subscribe {Subscriber}")]
    static partial void Requested(ILogger logger, string list, string subscriber, string software);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered {List}'s confirmation for {Subscriber}")]
    static partial void Confirmed(ILogger logger, string list, string subscriber);
}
