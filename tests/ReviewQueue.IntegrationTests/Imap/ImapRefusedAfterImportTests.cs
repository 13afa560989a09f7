using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewQueue.IntegrationTests.MailStack;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Imap;

/// <summary>
/// The server refuses what AfterImport asks of stored mail (here Dovecot's access control: the MoveTo folder takes no
/// mail). The mail is in the ledger already: the folder must be read on, and nothing lost or stored twice.
/// </summary>
public sealed class ImapRefusedAfterImportTests
{
    static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AMoveTheServerRefusesIsWarnedAboutOnceAndTheFolderIsReadOnAndMovedOnceAllowed()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"], dovecotConfig: DovecotServer.Acl);
        await using var other = await ImapTestClient.ConnectAsync(stack, "rq");
        await other.CreateAsync("Processed");
        // Look up and read, but no insert: Dovecot answers a MOVE into it with "NO [NOPERM] Permission denied".
        await other.SetRightsAsync("Processed", "owner", "lr");
        await other.AppendAsync("INBOX", 3, "m");

        var logged = new LogLines();
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path, poll: TimeSpan.FromSeconds(1),
            services: s => s.AddLogging(l => l.AddProvider(logged)),
            settings: new Dictionary<string, string?> { ["Imap:Accounts:0:AfterImport"] = "Move", ["Imap:Accounts:0:MoveTo"] = "Processed" });
        await service.WaitForAsync(async () => await service.CountAsync() == 3, Soon, "the first 3 messages");

        // Mail that comes later is still read, round after round.
        await other.AppendAsync("INBOX", 2, "later");
        await service.WaitForAsync(async () => await service.CountAsync() == 5, Soon, "the 2 later messages");
        await Task.Delay(2500, TestContext.Current.CancellationToken); // more rounds, each trying the move again
        var refusals = logged.Lines().Where(l => l.Contains("refused to move")).ToList();
        Assert.All(refusals, l => Assert.StartsWith("Warning IMAP rq/INBOX: the server refused to move", l));
        Assert.All(refusals, l => Assert.Contains("to Processed", l));
        Assert.All(refusals, l => Assert.Contains("Permission denied", l));
        // Each UID is named once, however often the move is tried again.
        var named = refusals.SelectMany(l => System.Text.RegularExpressions.Regex.Match(l, @"UIDs? ([\d, ]+)").Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        Assert.Equal(["1", "2", "3", "4", "5"], named.Order());
        Assert.DoesNotContain(logged.Lines(), l => l.StartsWith("Error"));
        Assert.Equal(5, await other.CountAsync("INBOX"));

        // Once the folder takes mail, the 5 stored messages move there, and none is stored again.
        await other.SetRightsAsync("Processed", "owner", "lrwstipekxacd");
        await service.WaitForAsync(async () => await other.CountAsync("Processed") == 5 && await other.CountAsync("INBOX") == 0, Soon,
            "the 5 messages in Processed");
        Assert.Equal(5, await service.CountAsync());
        Assert.DoesNotContain(logged.Lines(), l => l.Contains("IMAP rq/INBOX: stored") && !l.Contains(" 0 duplicate"));
    }

    [Fact]
    public async Task AFolderTheServerOpensReadOnlyIsReadWhenTheAccountSaysFlag()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"], dovecotConfig: DovecotServer.Acl);
        await using var other = await ImapTestClient.ConnectAsync(stack, "rq");
        await other.AppendAsync("INBOX", 3, "m");
        // Read, but not changed: Dovecot answers SELECT with [READ-ONLY], and the flags cannot be set.
        await other.SetRightsAsync("INBOX", "owner", "lr");

        var logged = new LogLines();
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path, poll: TimeSpan.FromSeconds(1),
            services: s => s.AddLogging(l => l.AddProvider(logged)),
            settings: new Dictionary<string, string?> { ["Imap:Accounts:0:AfterImport"] = "Flag" });
        await service.WaitForAsync(async () => await service.CountAsync() == 3, Soon, "the first 3 messages");
        // Postfix writes into the Maildir itself, past the rights.
        await ServiceUnderTest.SendAsync(stack.Postfix.Port, ServiceUnderTest.Mail("ada@localhost", "rq@localhost", "later", "x"));
        await service.WaitForAsync(async () => await service.CountAsync() == 4, Soon, "the message after");
        await service.WaitForAsync(() => Task.FromResult(logged.Count(l => l.Contains("refused to flag UID 4")) == 1), Soon, "its refusal");

        var refusals = logged.Lines().Where(l => l.Contains("refused to flag")).ToList();
        Assert.Equal(
        [
            "Warning IMAP rq/INBOX: the server refused to flag UIDs 1, 2, 3 as seen (the server opened INBOX read-only); stored in the ledger, left unflagged; reading on",
            "Warning IMAP rq/INBOX: the server refused to flag UID 4 as seen (the server opened INBOX read-only); stored in the ledger, left unflagged; reading on",
        ], refusals);
        Assert.DoesNotContain(logged.Lines(), l => l.StartsWith("Error"));
    }
}
