using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using ReviewQueue.Core.Digest;
using ReviewQueue.Digest;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.MailStack;

/// <summary>Digests through a real Postfix that is down when the digest is due, or while the service stops.</summary>
public sealed class DigestDeliveryTests
{
    [Fact]
    public async Task WhenSmtpIsDownTheDigestIsRetriedAndDeliveredExactlyOnceAfterPostfixIsBack()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq", "sub"]);
        var source = Substitute.For<IDigestSource>();
        source.ContentForAsync(Arg.Any<DigestSubscription>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(
            new DigestContent("", "", [new DigestSubsystem("HARDWARE MONITORING",
                [new DigestSeries("1", "hwmon: (lm75) add a sensor", "v2", TimeSpan.FromDays(4), 0, 2, "Ada <ada@localhost>", [], false, "a@localhost")])]));
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path, s => s.AddSingleton(source));
        var store = service.App.Services.GetRequiredService<DigestStore>();

        await stack.Postfix.StopAsync();
        // Subscribed yesterday: today's period (since midnight) is its own, and due.
        await store.SubscribeAsync("sub@localhost", [], "0 0 * * *", TimeSpan.Zero, "tok", DateTimeOffset.UtcNow.AddDays(-1), CancellationToken.None);
        // The running service (Digest:CheckInterval 1 s) tries, fails, and tries again.
        await service.WaitForAsync(async () => (await store.HistoryAsync(CancellationToken.None)) is [{ State: "failed", Attempts: >= 2 }],
            TimeSpan.FromSeconds(20), "two failed attempts while Postfix is down");
        var failed = (await store.HistoryAsync(CancellationToken.None)).Single();
        Assert.Contains("Exception", failed.LastError);

        await stack.Postfix.StartAsync();
        await service.WaitForAsync(async () => (await store.HistoryAsync(CancellationToken.None)) is [{ State: "sent" }],
            TimeSpan.FromSeconds(20), "the digest to be sent after Postfix is back");
        await Task.Delay(2500, TestContext.Current.CancellationToken); // more checks: nothing more may go out

        using var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", stack.Dovecot.Port, SecureSocketOptions.None, TestContext.Current.CancellationToken);
        await client.AuthenticateAsync("sub", "sub", TestContext.Current.CancellationToken);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly, TestContext.Current.CancellationToken);
        Assert.Equal(1, client.Inbox.Count);
        var digest = await client.Inbox.GetMessageAsync(0, TestContext.Current.CancellationToken);
        var history = await store.HistoryAsync(CancellationToken.None);
        var sent = Assert.Single(history);
        Assert.Equal(sent.MessageId, digest.MessageId);
        Assert.Contains("hwmon: (lm75) add a sensor", digest.TextBody);
    }

    /// <summary>
    /// `reviewqueue run` stopped with SIGTERM (a deploy, `systemctl stop`) while Postfix holds the whole digest and has not
    /// answered yet: Postfix delivers it all the same (once it has the message, the client leaving changes nothing), so
    /// the service waits for the answer and records it; left queued, the digest went out again from the next start once
    /// its claim expired. The round ends there; the next subscriber's digest goes out from the next start.
    /// </summary>
    [Fact]
    public async Task RunStoppedWhilePostfixAnswersADigestRecordsItSentAndTheNextStartSendsTheRest()
    {
        using var dir = new TempDir();
        // Postfix logs that it has a whole message, then, for ann, waits 3 s before it answers: time to stop the service in
        // between, and longer than the 2 s System.CommandLine gives a command after a signal.
        await using var stack = await MailStackFixture.StartAsync(["ann", "bob"], postfixConfig: """
            smtpd_restriction_classes = slow_answer
            slow_answer = sleep 3, permit
            smtpd_end_of_data_restrictions = check_client_access inline:{ { 127.0.0.1 = WARN whole message received } },
             check_recipient_access inline:{ { ann@localhost = slow_answer } }, permit
            """);
        var db = dir.File("ledger.db");
        var env = new Dictionary<string, string>
        {
            ["Samples__Mail__0"] = "",
            ["Web__Urls"] = "http://127.0.0.1:0",
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = stack.Postfix.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp__Security"] = "None",
            ["Smtp__From"] = "ReviewQueue <rq@localhost>",
            ["Digest__DashboardUrl"] = "https://rq.example.org",
            ["Digest__CheckInterval"] = "00:00:01",
        };
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", RepoPaths.Of("samples", "demo.mbox")], env: env).ExitCode);
        foreach (var who in new[] { "ann", "bob" })
            Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "digest", "subscribe", $"{who}@localhost", "--every", "0 0 * * *"], env: env).ExitCode);
        // Subscribed long ago: today's digest (since midnight) is due for both; a round takes ann, then bob.
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
            Dapper.SqlMapper.Execute(c, "UPDATE digest_subscriptions SET created = '2020-01-01T00:00:00.000+00:00'");

        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using (var run = RunProcess.Start(db, env, dir.Path, output))
        {
            await RunProcess.Until(run, () => stack.Postfix.Log.Split('\n').Any(l => l.Contains("whole message received") && l.Contains("to=<ann@localhost>")),
                output);
            Assert.Equal(0, TestSupport.Run.Program("kill", ["-TERM", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).ExitCode);
            await run.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(40), TestContext.Current.CancellationToken);
            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {string.Join("\n", output)}");
        }
        Assert.Equal([("ann@localhost", "sent", 1L)], History(db));

        using (var again = RunProcess.Start(db, env, dir.Path, output))
        {
            await RunProcess.Until(again, () => Task.FromResult(History(db).Count(h => h.Item2 == "sent") == 2), output);
            await RunProcess.StopAsync(again);
        }
        Assert.Equal([("ann@localhost", "sent", 1L), ("bob@localhost", "sent", 1L)], History(db));
        Assert.Equal(1, await DeliveredAsync(stack, "ann"));
        Assert.Equal(1, await DeliveredAsync(stack, "bob"));
        // The dashboard is https: the RFC 8058 one-click header goes out beside the link, and arrives as sent.
        var delivered = MimeKit.MimeMessage.Load(Directory.GetFiles(Path.Combine(stack.Dovecot.Maildir("ann"), "new")).Single(),
            TestContext.Current.CancellationToken);
        Assert.StartsWith("<https://rq.example.org/unsubscribe/", delivered.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", delivered.Headers["List-Unsubscribe-Post"]);
    }

    /// <summary>Each digest's address, state and attempts.</summary>
    static List<(string, string, long)> History(string db)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False");
        return [.. Dapper.SqlMapper.Query<(string, string, long)>(c,
            "SELECT s.address, d.state, d.attempts FROM digests d JOIN digest_subscriptions s ON s.id = d.subscription ORDER BY d.id")];
    }

    /// <summary>The mail in a user's Maildir, once there is some (Postfix delivers a moment after it answers).</summary>
    static async Task<int> DeliveredAsync(MailStackFixture stack, string user)
    {
        var folder = Path.Combine(stack.Dovecot.Maildir(user), "new");
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Directory.GetFiles(folder).Length == 0 && DateTime.UtcNow < until)
            await Task.Delay(50, TestContext.Current.CancellationToken);
        return Directory.GetFiles(folder).Length;
    }
}
