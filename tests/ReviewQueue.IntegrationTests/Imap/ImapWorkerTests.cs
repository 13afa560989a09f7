using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewQueue.Imap;
using ReviewQueue.IntegrationTests.MailStack;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Imap;

/// <summary>The IMAP worker of `run` against a real Dovecot, mail delivered by a real Postfix.</summary>
public sealed class ImapWorkerTests(ITestOutputHelper output)
{
    static readonly TimeSpan Soon = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task WorkerReconnectsAfterDovecotRestartsAndStoresWhatCameMeanwhileOnce()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path);
        var port = stack.Postfix.Port;

        for (int i = 0; i < 3; i++)
            await ServiceUnderTest.SendAsync(port, ServiceUnderTest.Mail("ada@localhost", "rq@localhost", $"before {i}", "hello"));
        await service.WaitForAsync(async () => await service.CountAsync() == 3, Soon, "the first 3 messages");

        await stack.Dovecot.StopAsync();
        for (int i = 0; i < 4; i++)
            await ServiceUnderTest.SendAsync(port, ServiceUnderTest.Mail("ada@localhost", "rq@localhost", $"meanwhile {i}", "hello"));
        await Task.Delay(1500, TestContext.Current.CancellationToken); // Postfix delivers into the Maildir; the worker keeps failing to reconnect
        await stack.Dovecot.StartAsync();
        await service.WaitForAsync(async () => await service.CountAsync() == 7, Soon, "the 4 messages delivered while Dovecot was down");

        await ServiceUnderTest.SendAsync(port, ServiceUnderTest.Mail("ada@localhost", "rq@localhost", "after", "hello"));
        await service.WaitForAsync(async () => await service.CountAsync() == 8, Soon, "a message after the restart");
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        Assert.Equal(8, await service.CountAsync());
        var cursor = await service.App.Services.GetRequiredService<ImapCursorStore>().GetAsync("rq", "INBOX", CancellationToken.None);
        Assert.Equal(8, cursor!.LastUid);
        // The protocol log shows the login but never the password.
        var log = File.ReadAllText(Path.Combine(dir.Path, "imap-protocol.log"));
        Assert.Contains("LOGIN", log, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"rq\" \"rq\"", log);
        Assert.DoesNotContain("rq rq", log);
        Assert.DoesNotContain(Convert.ToBase64String("\0rq\0rq"u8), log); // SASL PLAIN
        Assert.Contains("********", log);
    }

    [Fact]
    public async Task WorkerReadsARecreatedFolderAgainWithoutDuplicatesOrLosses()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path);
        var port = stack.Postfix.Port;
        for (int i = 0; i < 5; i++)
            await ServiceUnderTest.SendAsync(port, ServiceUnderTest.Mail("ada@localhost", "rq@localhost", $"old {i}", "hello"));
        await service.WaitForAsync(async () => await service.CountAsync() == 5, Soon, "5 messages");
        var cursors = service.App.Services.GetRequiredService<ImapCursorStore>();
        var before = await cursors.GetAsync("rq", "INBOX", CancellationToken.None);

        // The folder is recreated: new UIDVALIDITY, UIDs from 1 again, so the 2 new messages get
        // UIDs 6 and 7 at most; a worker that kept its old last UID (5) would still find them, so
        // we also remove 3 old messages: the new ones then get UIDs 3 and 4, below the old cursor.
        await stack.Dovecot.StopAsync();
        foreach (var file in Directory.GetFiles(Path.Combine(stack.Dovecot.Maildir("rq"), "cur")).Concat(
                     Directory.GetFiles(Path.Combine(stack.Dovecot.Maildir("rq"), "new"))).Order().Take(3))
            File.Delete(file);
        stack.Dovecot.ForgetUids("rq");
        for (int i = 0; i < 2; i++)
            await ServiceUnderTest.SendAsync(port, ServiceUnderTest.Mail("ada@localhost", "rq@localhost", $"new {i}", "hello"));
        await Task.Delay(1200, TestContext.Current.CancellationToken); // new UIDVALIDITY is the clock's second
        await stack.Dovecot.StartAsync();

        await service.WaitForAsync(async () => await service.CountAsync() == 7, Soon, "the 2 messages in the recreated folder");
        var after = await cursors.GetAsync("rq", "INBOX", CancellationToken.None);
        Assert.NotEqual(before!.UidValidity, after!.UidValidity);
        Assert.Equal(4, after.LastUid);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(7, await service.CountAsync());
    }

    [Fact]
    public async Task ACrashBetweenFetchAndCommitStoresEachMessageExactlyOnceAfterRestart()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        for (int i = 0; i < 6; i++)
            await ServiceUnderTest.SendAsync(stack.Postfix.Port, ServiceUnderTest.Mail("ada@localhost", "rq@localhost", $"m {i}", "hello"));
        await WaitForFilesAsync(stack, 6);

        // First life: batches of 2; the second batch dies inside its transaction, after the fetch
        // and the inserts, before the commit; then the process is stopped.
        int crashes = 0;
        await using (var first = await ServiceUnderTest.StartAsync(stack, dir.Path, s =>
        {
            s.Configure<global::ReviewQueue.Configuration.ImportOptions>(o => o.BatchSize = 2);
            // Every second batch of a round dies: this life never gets past it.
            s.AddSingleton(sp =>
            {
                var sync = ActivatorUtilities.CreateInstance<ImapFolderSync>(sp);
                sync.BeforeCommit = n =>
                {
                    if (n < 2)
                        return Task.CompletedTask;
                    Interlocked.Increment(ref crashes);
                    throw new SimulatedCrash();
                };
                return sync;
            });
        }))
        {
            await first.WaitForAsync(() => Task.FromResult(Volatile.Read(ref crashes) >= 1), Soon, "the simulated crash");
            await first.App.StopAsync(CancellationToken.None);
            Assert.Equal(2, await first.CountAsync());
            var cursor = await first.App.Services.GetRequiredService<ImapCursorStore>().GetAsync("rq", "INBOX", CancellationToken.None);
            Assert.Equal(2, cursor!.LastUid); // the cursor rolled back with the messages
        }

        // Second life: the same ledger; everything arrives, each once.
        await using var second = await ServiceUnderTest.StartAsync(stack, dir.Path);
        await second.WaitForAsync(async () => await second.CountAsync() == 6, Soon, "all 6 messages");
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(6, await second.CountAsync());
        Assert.Equal(6, await second.CountAsync("subject LIKE 'm %'"));
    }

    [Fact]
    public async Task DeliveryToLedgerOverIdleTakesWellUnderASecond()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path, poll: TimeSpan.FromMinutes(5));
        await ServiceUnderTest.SendAsync(stack.Postfix.Port, ServiceUnderTest.Mail("ada@localhost", "rq@localhost", "warm up", "x"));
        await service.WaitForAsync(async () => await service.CountAsync() == 1, Soon, "the first message");
        Assert.True(service.Worker.UsesIdle);

        var figures = new List<double>();
        var inMaildir = new List<double>();
        string[] Files() => Directory.GetFiles(stack.Dovecot.Maildir("rq"), "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) is "new" or "cur").ToArray();
        for (int i = 0; i < 10; i++)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken); // the worker is back in IDLE
            var files = Files().Length;
            var mail = ServiceUnderTest.Mail("ada@localhost", "rq@localhost", $"timed {i}", "x");
            var clock = Stopwatch.StartNew();
            await ServiceUnderTest.SendAsync(stack.Postfix.Port, mail);
            var id = mail.MessageId;
            double? delivered = null;
            await service.WaitForAsync(async () =>
            {
                if (delivered is null && Files().Length > files)
                    delivered = clock.Elapsed.TotalMilliseconds;
                return await service.CountAsync("message_id = @id", new { id }) == 1;
            }, Soon, $"message {i}");
            figures.Add(clock.Elapsed.TotalMilliseconds);
            inMaildir.Add(delivered ?? figures[^1]);
        }
        figures.Sort();
        inMaildir.Sort();
        output.WriteLine($"SMTP accepted → row in the ledger, 10 messages over IDLE (poll interval 5 min, so no polling): " +
            $"min {figures[0]:0} ms, median {figures[5]:0} ms, max {figures[^1]:0} ms");
        output.WriteLine($"  of which SMTP accepted → file in the Maildir (Postfix): median {inMaildir[5]:0} ms, max {inMaildir[^1]:0} ms");
        Assert.True(figures[^1] < 5000, $"max {figures[^1]:0} ms");
    }

    [Fact]
    public async Task StoredMessagesAreMovedWhenTheAccountSaysMove()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        using (var client = new MailKit.Net.Imap.ImapClient())
        {
            await client.ConnectAsync("127.0.0.1", stack.Dovecot.Port, MailKit.Security.SecureSocketOptions.None, TestContext.Current.CancellationToken);
            await client.AuthenticateAsync("rq", "rq", TestContext.Current.CancellationToken);
            await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync("Processed", true, TestContext.Current.CancellationToken);
        }
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path, settings: new Dictionary<string, string?>
        {
            ["Imap:Accounts:0:AfterImport"] = "Move",
            ["Imap:Accounts:0:MoveTo"] = "Processed",
        });
        for (int i = 0; i < 3; i++)
            await ServiceUnderTest.SendAsync(stack.Postfix.Port, ServiceUnderTest.Mail("ada@localhost", "rq@localhost", $"move {i}", "x"));
        await service.WaitForAsync(async () => await service.CountAsync() == 3, Soon, "3 messages");

        using var check = new MailKit.Net.Imap.ImapClient();
        await check.ConnectAsync("127.0.0.1", stack.Dovecot.Port, MailKit.Security.SecureSocketOptions.None, TestContext.Current.CancellationToken);
        await check.AuthenticateAsync("rq", "rq", TestContext.Current.CancellationToken);
        var processed = await check.GetFolderAsync("Processed", TestContext.Current.CancellationToken);
        await service.WaitForAsync(async () =>
        {
            await processed.StatusAsync(MailKit.StatusItems.Count, TestContext.Current.CancellationToken);
            return processed.Count == 3;
        }, Soon, "the 3 messages in Processed");
        await check.Inbox.StatusAsync(MailKit.StatusItems.Count, TestContext.Current.CancellationToken);
        Assert.Equal(0, check.Inbox.Count);
    }

    [Fact]
    public async Task WithoutIdleTheWorkerPollsAtThePollInterval()
    {
        using var dir = new TempDir();
        // Dovecot still understands IDLE, but no longer offers it: the worker must poll.
        await using var stack = await MailStackFixture.StartAsync(["rq"], dovecotConfig: "imap_capability = IMAP4rev1 LITERAL+ SASL-IR UIDPLUS MOVE");
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path, poll: TimeSpan.FromSeconds(2));
        await service.WaitForAsync(() => Task.FromResult(service.Worker.Rounds >= 1), Soon, "the first round");
        Assert.False(service.Worker.UsesIdle);
        var rounds = service.Worker.Rounds;
        await ServiceUnderTest.SendAsync(stack.Postfix.Port, ServiceUnderTest.Mail("ada@localhost", "rq@localhost", "polled", "x"));
        var clock = Stopwatch.StartNew();
        await service.WaitForAsync(async () => await service.CountAsync() == 1, Soon, "the polled message");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        await Task.Delay(4500, TestContext.Current.CancellationToken);
        Assert.InRange(service.Worker.Rounds - rounds, 2, 6); // one round every 2 s, not a busy loop
    }

    [Fact]
    public async Task AMissingMoveToFolderStopsTheImportNamingTheKeyAndMailStoredButNotMovedIsMovedLater()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        var move = new Dictionary<string, string?> { ["Imap:Accounts:0:AfterImport"] = "Move", ["Imap:Accounts:0:MoveTo"] = "Processed" };
        for (int i = 0; i < 2; i++)
            await ServiceUnderTest.SendAsync(stack.Postfix.Port, ServiceUnderTest.Mail("ada@localhost", "rq@localhost", $"early {i}", "x"));
        await WaitForFilesAsync(stack, 2);

        // 1. No Processed folder: nothing is stored (it could not be moved), and the log names the folder and the key.
        var logged = new LogLines();
        await using (var service = await ServiceUnderTest.StartAsync(stack, dir.Path, services: s => s.AddLogging(l => l.AddProvider(logged)), settings: move))
        {
            await service.WaitForAsync(() => Task.FromResult(logged.Count(l => l.Contains("has no folder")) >= 1), Soon, "the missing folder");
            Assert.Equal(0, await service.CountAsync());
        }
        Assert.Contains(logged.Lines(), l => l.StartsWith("Error ") && l.Contains("the server has no folder 'Processed' (Imap:Accounts:0:MoveTo)"));

        // 2. Stored without moving (AfterImport None; or a process killed between the commit and the move).
        await using (var service = await ServiceUnderTest.StartAsync(stack, dir.Path))
            await service.WaitForAsync(async () => await service.CountAsync() == 2, Soon, "the 2 messages");

        // 3. With Processed there and Move on, the 2 stored earlier leave INBOX too, and new mail follows them.
        using var check = new MailKit.Net.Imap.ImapClient();
        await check.ConnectAsync("127.0.0.1", stack.Dovecot.Port, MailKit.Security.SecureSocketOptions.None, TestContext.Current.CancellationToken);
        await check.AuthenticateAsync("rq", "rq", TestContext.Current.CancellationToken);
        var processed = (await check.GetFolder(check.PersonalNamespaces[0]).CreateAsync("Processed", true, TestContext.Current.CancellationToken))!;
        await using (var service = await ServiceUnderTest.StartAsync(stack, dir.Path, settings: move))
        {
            await ServiceUnderTest.SendAsync(stack.Postfix.Port, ServiceUnderTest.Mail("ada@localhost", "rq@localhost", "late", "x"));
            await service.WaitForAsync(async () =>
            {
                await processed.StatusAsync(MailKit.StatusItems.Count, TestContext.Current.CancellationToken);
                return processed.Count == 3;
            }, Soon, "the 3 messages in Processed");
            Assert.Equal(3, await service.CountAsync());
        }
        await check.Inbox.StatusAsync(MailKit.StatusItems.Count, TestContext.Current.CancellationToken);
        Assert.Equal(0, check.Inbox.Count);
    }

    [Fact]
    public async Task AWrongPasswordIsLoggedAsARefusedLoginNamingTheKeysNotAsALostConnection()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        var logged = new LogLines();
        await using (var service = await ServiceUnderTest.StartAsync(stack, dir.Path, services: s => s.AddLogging(l => l.AddProvider(logged)),
            settings: new Dictionary<string, string?> { ["Imap:Accounts:0:Password"] = "not-the-password" }))
        {
            await service.WaitForAsync(() => Task.FromResult(logged.Count(l => l.Contains("refused the login")) >= 1), Soon, "the refused login");
        }
        var line = logged.Lines().First(l => l.Contains("refused the login"));
        Assert.StartsWith("Error ", line);
        Assert.Contains($"127.0.0.1:{stack.Dovecot.Port} refused the login of user 'rq'", line);
        Assert.Contains("Imap:Accounts:0:User and the password in Imap__Accounts__0__Password", line);
        Assert.DoesNotContain(logged.Lines(), l => l.Contains("connection lost"));
        Assert.DoesNotContain(logged.Lines(), l => l.Contains("not-the-password"));

        // With the server down, the worker cannot connect: it says so, not that a connection was lost.
        await stack.Dovecot.StopAsync();
        var down = new LogLines();
        await using (var service = await ServiceUnderTest.StartAsync(stack, Directory.CreateDirectory(Path.Combine(dir.Path, "down")).FullName,
            services: s => s.AddLogging(l => l.AddProvider(down))))
        {
            await service.WaitForAsync(() => Task.FromResult(down.Count(l => l.Contains("cannot connect")) >= 1), Soon, "the refused connection");
        }
        Assert.Contains(down.Lines(), l => l.Contains($"cannot connect to 127.0.0.1:{stack.Dovecot.Port} (SocketException"));
        Assert.DoesNotContain(down.Lines(), l => l.Contains("connection lost"));
    }

    static async Task WaitForFilesAsync(MailStackFixture stack, int count)
    {
        var until = DateTime.UtcNow + Soon;
        while (Directory.GetFiles(Path.Combine(stack.Dovecot.Maildir("rq"), "new")).Length < count)
        {
            Assert.True(DateTime.UtcNow < until, "Postfix did not deliver");
            await Task.Delay(20);
        }
    }

    sealed class SimulatedCrash() : IOException("simulated crash between fetch and commit");
}
