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

/// <summary>Digests through a real Postfix that is down when the digest is due.</summary>
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
}
