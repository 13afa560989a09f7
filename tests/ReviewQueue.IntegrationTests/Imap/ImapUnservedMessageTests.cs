using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewQueue.IntegrationTests.MailStack;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Imap;

/// <summary>
/// A message the server lists but cannot serve (Dovecot answers its FETCH with "Internal error" and hangs up) must not
/// hold back the folder: after a few tries it is kept as rejected with the reason and the mail after it is read.
/// </summary>
public sealed class ImapUnservedMessageTests
{
    static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AMessageTheServerCannotServeIsRejectedAfterThreeTriesAndTheMailAfterItIsStored()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        await using var other = await ImapTestClient.ConnectAsync(stack, "rq");
        await other.AppendAsync("INBOX", 5, "m"); // UIDs 1..5, subjects "m 0".."m 4"

        // Dovecot reads the Maildir as the mail user (65534), not as root: a file it may not open is a message it lists
        // (from its index) but cannot serve.
        MailPrograms.Must("chmod", "000", MaildirFile(stack, uid: 3));

        var logged = new LogLines();
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path, s => s.AddLogging(l => l.AddProvider(logged)));
        await ThirdGivenUpAndTheOthersStoredAsync(service, logged);

        // The worker goes on: mail after it still arrives, and the rejected message is not tried again.
        await other.AppendAsync("INBOX", 1, "later");
        await service.WaitForAsync(async () => await service.CountAsync() == 5, Soon, "the message after");
        Assert.Equal(1, await RejectedCountAsync(service));

        // The CLI lists the row with no bytes.
        var cli = service.Cli("rejected");
        Assert.Equal(0, cli.ExitCode);
        Assert.Contains("Unserved", cli.Stdout);
    }

    [Fact]
    public async Task TwoMessagesTheServerCannotServeAreKeptAsTwoRejectedRows()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        await using var other = await ImapTestClient.ConnectAsync(stack, "rq");
        await other.AppendAsync("INBOX", 5, "m");
        // Both kept rows have the same (empty) bytes: they must still be two rows, not one.
        MailPrograms.Must("chmod", "000", MaildirFile(stack, uid: 2));
        MailPrograms.Must("chmod", "000", MaildirFile(stack, uid: 4));

        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path);
        await service.WaitForAsync(async () => await RejectedCountAsync(service) == 2 && await service.CountAsync() == 3 || !Running(service),
            Soon, "messages 1, 3, 5 stored and messages 2 and 4 rejected");

        Assert.True(Running(service), "the service stopped");
        var rejected = await service.App.Services.GetRequiredService<MessageStore>().RejectedAsync(CancellationToken.None);
        Assert.Equal(["imap:rq/INBOX#2", "imap:rq/INBOX#4"], rejected.Select(r => r.Source));
        var cursor = await service.App.Services.GetRequiredService<ImapCursorStore>().GetAsync("rq", "INBOX", CancellationToken.None);
        Assert.Equal(5, cursor!.LastUid);
    }

    [Fact]
    public async Task WithAfterImportMoveAMessageTheServerCannotServeIsMovedWithTheRestAndDoesNotHoldTheFolderBack()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        await using var other = await ImapTestClient.ConnectAsync(stack, "rq");
        await other.CreateAsync("Processed");
        await other.AppendAsync("INBOX", 5, "m");
        MailPrograms.Must("chmod", "000", MaildirFile(stack, uid: 3));

        var move = new Dictionary<string, string?> { ["Imap:Accounts:0:AfterImport"] = "Move", ["Imap:Accounts:0:MoveTo"] = "Processed" };
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path, poll: TimeSpan.FromSeconds(1), settings: move);
        await service.WaitForAsync(async () => await RejectedCountAsync(service) == 1 && await service.CountAsync() == 4 || !Running(service),
            Soon, "messages 1, 2, 4, 5 stored and message 3 rejected");
        Assert.True(Running(service), "the service stopped");

        // Kept as rejected, the message is done with like the stored ones: Dovecot moves a Maildir file without reading it,
        // so it leaves INBOX with them, and mail that comes later is stored and moved as before.
        await other.AppendAsync("INBOX", 2, "later");
        // A move is a copy, then an expunge: another session may see the copy in Processed a moment before the expunge.
        await service.WaitForAsync(async () => await service.CountAsync() == 6 && await other.CountAsync("Processed") == 7
            && await other.CountAsync("INBOX") == 0, Soon, "the 2 later messages stored and all 7 moved");
        Assert.Equal(0, await other.CountAsync("INBOX"));
        Assert.Equal(1, await RejectedCountAsync(service));
    }

    [Fact]
    public async Task AMessageTheServerCannotEvenListIsRejectedAfterThreeTriesAndTheMailAroundAndAfterItIsStored()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        // Dovecot opens a file whose name carries no size to list its size, and for one it may not open it fails the whole
        // listing FETCH and hangs up.
        var files = DeliverStraightIntoMaildir(stack, 5); // UIDs 1..5, subjects "m 0".."m 4"
        MailPrograms.Must("chmod", "000", files[2]);

        var logged = new LogLines();
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path, s => s.AddLogging(l => l.AddProvider(logged)));
        await ThirdGivenUpAndTheOthersStoredAsync(service, logged);

        // Mail after it still arrives, and the rejected message is neither tried again nor stored twice.
        await using var other = await ImapTestClient.ConnectAsync(stack, "rq");
        await other.AppendAsync("INBOX", 1, "later");
        await service.WaitForAsync(async () => await service.CountAsync() == 5, Soon, "the message after");
        Assert.Equal(1, await RejectedCountAsync(service));
        Assert.Single(logged.Lines(), l => l.StartsWith("Warning IMAP rq/INBOX: gave up on UID 3"));
    }

    [Fact]
    public async Task WithAfterImportMoveAMessageTheServerCannotListInTheSecondRunHoldsBackNeitherItsRunNorTheFirst()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        await using var other = await ImapTestClient.ConnectAsync(stack, "rq");
        await other.CreateAsync("Processed");
        var files = DeliverStraightIntoMaildir(stack, 150); // two runs of the sync: UIDs 1..100 and 101..150
        MailPrograms.Must("chmod", "000", files[119]);

        var move = new Dictionary<string, string?> { ["Imap:Accounts:0:AfterImport"] = "Move", ["Imap:Accounts:0:MoveTo"] = "Processed" };
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path, poll: TimeSpan.FromSeconds(1), settings: move);
        await service.WaitForAsync(async () => await RejectedCountAsync(service) == 1 && await service.CountAsync() == 149 || !Running(service),
            TimeSpan.FromSeconds(60), "149 messages stored and UID 120 rejected");
        Assert.True(Running(service), "the service stopped");
        Assert.Equal(0, await service.CountAsync("subject = 'm 119'"));
        var rejected = Assert.Single(await service.App.Services.GetRequiredService<MessageStore>().RejectedAsync(CancellationToken.None));
        Assert.Equal("imap:rq/INBOX#120", rejected.Source);

        // Given up, it is done with as the stored mail is: Dovecot moves the file without reading it.
        await other.AppendAsync("INBOX", 1, "later");
        await service.WaitForAsync(async () => await service.CountAsync() == 150 && await other.CountAsync("Processed") == 151
            && await other.CountAsync("INBOX") == 0, Soon, "the later message stored and all 151 moved");
        Assert.Equal(1, await RejectedCountAsync(service));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ALinkThatBreaksWhileALargeMessageIsFetchedIsNotCountedAgainstTheMessage(bool reset)
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        await using var other = await ImapTestClient.ConnectAsync(stack, "rq");
        await other.AppendAsync("INBOX", 1, "before");
        await other.AppendAsync("INBOX", 1, "large", bodyBytes: 2_000_000);
        await other.AppendAsync("INBOX", 1, "after");
        // Each of the first 4 connections that carries more than 256 KB (only the large message's fetch does) breaks
        // midway: more often than a message the server fails to serve is tried, and none of it the message's doing.
        await using var proxy = new CuttingProxy(stack.Dovecot.Port, cuts: 4, after: 256 * 1024, reset);

        var logged = new LogLines();
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path, s => s.AddLogging(l => l.AddProvider(logged)),
            settings: new Dictionary<string, string?> { ["Imap:Accounts:0:Port"] = proxy.Port.ToString() });
        await service.WaitForAsync(async () => await service.CountAsync() == 3 || await RejectedCountAsync(service) > 0, TimeSpan.FromSeconds(60),
            "the 3 messages stored");

        Assert.Equal(0, await RejectedCountAsync(service));
        Assert.Equal(1, await service.CountAsync("subject = 'large 0'"));
        Assert.Equal(4, proxy.Done);
        Assert.DoesNotContain(logged.Lines(), l => l.Contains("gave up"));
    }

    /// <summary>
    /// Writes messages with subjects "m 0", "m 1"… straight into INBOX's Maildir, as Postfix's own maildir delivery does:
    /// their names carry no size (no ",S="). Dovecot numbers new files in the order of their names, so the file at index i
    /// becomes UID i + 1.
    /// </summary>
    static IReadOnlyList<string> DeliverStraightIntoMaildir(MailStackFixture stack, int count)
    {
        var incoming = Path.Combine(stack.Dovecot.Maildir("rq"), "new");
        var files = new List<string>();
        for (int i = 0; i < count; i++)
        {
            var file = Path.Combine(incoming, $"{1_700_000_000 + i}.M{i}P1.localhost");
            File.WriteAllText(file, $"From: ada@localhost\r\nTo: rq@localhost\r\nSubject: m {i}\r\nMessage-ID: <m{i}@test.localhost>\r\n" +
                "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n\r\nhello\r\n");
            files.Add(file);
        }
        MailPrograms.Chown(incoming, "65534:65534");
        return files;
    }

    /// <summary>The Maildir file of INBOX's message with this UID, found through Dovecot's UID list ("UID [fields] :base-name").</summary>
    static string MaildirFile(MailStackFixture stack, uint uid)
    {
        var maildir = stack.Dovecot.Maildir("rq");
        var line = File.ReadLines(Path.Combine(maildir, "dovecot-uidlist")).Skip(1).Single(l => l.StartsWith($"{uid} "));
        var name = line[(line.IndexOf(':') + 1)..];
        return Directory.GetFiles(Path.Combine(maildir, "cur")).Concat(Directory.GetFiles(Path.Combine(maildir, "new")))
            .Single(f => Path.GetFileName(f) == name || Path.GetFileName(f).StartsWith(name + ":"));
    }

    static async Task<long> RejectedCountAsync(ServiceUnderTest service)
    {
        await using var c = await service.Ledger.ConnectAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long>("SELECT count(*) FROM rejected");
    }

    static bool Running(ServiceUnderTest service) => !service.App.Lifetime.ApplicationStopping.IsCancellationRequested;

    /// <summary>Of UIDs 1..5 ("m 0".."m 4"), 1, 2, 4 and 5 stored, 3 kept as rejected (Unserved, no bytes), warned about once.</summary>
    static async Task ThirdGivenUpAndTheOthersStoredAsync(ServiceUnderTest service, LogLines logged)
    {
        await service.WaitForAsync(async () => await RejectedCountAsync(service) == 1 && await service.CountAsync() == 4 || !Running(service),
            Soon, "messages 1, 2, 4, 5 stored and message 3 rejected");

        Assert.True(Running(service), "the service stopped");
        Assert.Equal(0, await service.CountAsync("subject = 'm 2'"));
        var cursor = await service.App.Services.GetRequiredService<ImapCursorStore>().GetAsync("rq", "INBOX", CancellationToken.None);
        Assert.Equal(5, cursor!.LastUid);
        var rejected = Assert.Single(await service.App.Services.GetRequiredService<MessageStore>().RejectedAsync(CancellationToken.None));
        Assert.Equal("imap:rq/INBOX#3", rejected.Source);
        Assert.Equal(0, rejected.RawSize);
        Assert.Contains("\"code\":\"Unserved\"", rejected.Reasons);
        Assert.Contains($"account rq, folder INBOX, UIDVALIDITY {cursor.UidValidity}, UID 3", rejected.Reasons);
        Assert.Contains("Internal error", rejected.Reasons);
        Assert.Single(logged.Lines(), l => l.StartsWith("Warning IMAP rq/INBOX: gave up on UID 3"));
    }
}
