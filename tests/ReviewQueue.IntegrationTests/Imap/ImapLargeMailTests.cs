using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewQueue.IntegrationTests.MailStack;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Imap;

/// <summary>Large messages over IMAP from a real Dovecot: each is read whole, and a sync never holds many of them at once.</summary>
public sealed class ImapLargeMailTests
{
    static readonly TimeSpan Soon = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task LargeMessagesAreFetchedAndStoredAFewMegabytesAtATimeNotAHundredMessagesAtATime()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        await using (var other = await ImapTestClient.ConnectAsync(stack, "rq"))
        {
            await other.AppendAsync("INBOX", 3, "big", bodyBytes: 20_000_000);
            await other.AppendAsync("INBOX", 2, "small");
        }
        var logged = new LogLines();
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path, services: s => s.AddLogging(l => l.AddProvider(logged)));

        await service.WaitForAsync(async () => await service.CountAsync() == 5, Soon, "the 5 messages");
        Assert.Equal(3, await service.CountAsync("subject LIKE 'big %' AND raw_size > 20000000"));
        // 100 messages of 20 MB fetched together held 100 × 20 MB (and more while they were read and packed): a fetch
        // now stops before ImapFolderSync.FetchBytes (32 MB), so two of these do not go together; the small ones join one.
        await service.WaitForAsync(() => Task.FromResult(logged.Count(l => l.Contains("up to UID 5")) == 1), Soon, "the last run in the log");
        var stored = logged.Lines().Where(l => l.Contains("IMAP rq/INBOX: stored")).ToList();
        Assert.Equal(
        [
            "Information IMAP rq/INBOX: stored 1 new, 0 duplicate, 0 rejected, up to UID 1",
            "Information IMAP rq/INBOX: stored 1 new, 0 duplicate, 0 rejected, up to UID 2",
            "Information IMAP rq/INBOX: stored 3 new, 0 duplicate, 0 rejected, up to UID 5",
        ], stored);
    }
}
