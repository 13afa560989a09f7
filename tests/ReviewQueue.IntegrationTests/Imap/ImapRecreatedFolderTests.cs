using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewQueue.IntegrationTests.MailStack;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Imap;

/// <summary>
/// A folder recreated with the same mail in it (restored from a backup, or rebuilt by the server): it has a new
/// UIDVALIDITY, and the ledger holds its mail already.
/// </summary>
public sealed class ImapRecreatedFolderTests
{
    static readonly TimeSpan Soon = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ARecreatedFolderIsCheckedByMessageIdAndOnlyMailTheLedgerLacksIsDownloaded()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        await using (var other = await ImapTestClient.ConnectAsync(stack, "rq"))
        {
            await other.AppendAsync("INBOX", 150, "m"); // two chunks of the sync
            await other.AppendWithoutMessageIdAsync("INBOX", "no id");
        }
        var logged = new LogLines();
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path, poll: TimeSpan.FromSeconds(2),
            services: s => s.AddLogging(l => l.AddProvider(logged)));
        await service.WaitForAsync(async () => await service.CountAsync() == 151, Soon, "the 151 messages");
        var cursors = service.App.Services.GetRequiredService<ImapCursorStore>();
        var before = await cursors.GetAsync("rq", "INBOX", CancellationToken.None);
        Assert.Equal(151, before!.LastUid);

        // The folder comes back with the same mail under a new UIDVALIDITY (Dovecot's is the clock's second), and one
        // message more arrives in it.
        await stack.Dovecot.StopAsync();
        stack.Dovecot.ForgetUids("rq");
        await Task.Delay(1200, TestContext.Current.CancellationToken);
        var protocolLog = Path.Combine(dir.Path, "imap-protocol.log");
        var seen = new FileInfo(protocolLog).Length;
        await stack.Dovecot.StartAsync();
        await using (var other = await ImapTestClient.ConnectAsync(stack, "rq"))
            await other.AppendAsync("INBOX", 1, "new");

        await service.WaitForAsync(async () => (await cursors.GetAsync("rq", "INBOX", CancellationToken.None))!.LastUid == 152
            && await service.CountAsync() == 152, Soon, "the new message in the recreated folder");
        var after = await cursors.GetAsync("rq", "INBOX", CancellationToken.None);
        Assert.NotEqual(before.UidValidity, after!.UidValidity);
        Assert.Equal(1, await service.CountAsync("subject = 'new 0'"));
        Assert.Equal(1, await service.CountAsync("subject = 'no id'"));

        // What the client asked the server for since: the bodies of the message without a Message-ID (its id comes from
        // its content) and of the new one, not the 150 the ledger holds.
        string tail;
        using (var log = new FileStream(protocolLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            log.Seek(seen, SeekOrigin.Begin);
            tail = new StreamReader(log).ReadToEnd();
        }
        var bodies = tail.Split('\n').Where(l => l.StartsWith("C: ") && l.Contains("BODY.PEEK[]")).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.Contains(logged.Lines(), l => l.Contains("IMAP rq/INBOX: UIDVALIDITY changed"));
        var held = logged.Lines().Select(l => Regex.Match(l, @"^Information IMAP rq/INBOX: (\d+) messages? the ledger holds already \(by Message-ID\), not downloaded"))
            .Where(m => m.Success).Sum(m => int.Parse(m.Groups[1].Value));
        Assert.Equal(150, held);
    }

    [Fact]
    public async Task AMessageWhoseHeaderTheServerCannotReadInARecreatedFolderHoldsNothingBack()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        await using (var other = await ImapTestClient.ConnectAsync(stack, "rq"))
            await other.AppendAsync("INBOX", 5, "m");
        var logged = new LogLines();
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path, poll: TimeSpan.FromSeconds(2),
            services: s => s.AddLogging(l => l.AddProvider(logged)));
        await service.WaitForAsync(async () => await service.CountAsync() == 5, Soon, "the 5 messages");

        // Recreated without Dovecot's index and cache, so it reads each file for its header; one it may not open fails the
        // whole FETCH (Dovecot hangs up), as it fails the message's own download.
        await stack.Dovecot.StopAsync();
        stack.Dovecot.ForgetUids("rq");
        var files = Directory.GetFiles(Path.Combine(stack.Dovecot.Maildir("rq"), "cur")).Concat(
            Directory.GetFiles(Path.Combine(stack.Dovecot.Maildir("rq"), "new"))).Order().ToList();
        MailPrograms.Must("chmod", "000", files[2]);
        await Task.Delay(1200, TestContext.Current.CancellationToken);
        await stack.Dovecot.StartAsync();
        await using (var other = await ImapTestClient.ConnectAsync(stack, "rq"))
            await other.AppendAsync("INBOX", 1, "new");

        // The folder is read to its end: the new message is stored, the unreadable one is given up as before (it is in the
        // ledger already, but only its header could have told), and nothing is stored twice.
        var cursors = service.App.Services.GetRequiredService<ImapCursorStore>();
        await service.WaitForAsync(async () => (await cursors.GetAsync("rq", "INBOX", CancellationToken.None))!.LastUid == 6
            && await service.CountAsync() == 6, Soon, "the new message after the unreadable one");
        Assert.Contains(logged.Lines(), l => l.StartsWith("Warning IMAP rq/INBOX: the server did not give the Message-IDs of UIDs 1 to "));
        Assert.Single(logged.Lines(), l => l.StartsWith("Warning IMAP rq/INBOX: gave up on UID"));
        Assert.Equal(1, await service.CountAsync("subject = 'new 0'"));
    }
}
