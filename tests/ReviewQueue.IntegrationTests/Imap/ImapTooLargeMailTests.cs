using Dapper;
using ReviewQueue.Core.Ingest;
using ReviewQueue.IntegrationTests.MailStack;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Imap;

/// <summary>
/// A message on the server larger than a mail may be (RawMail.MaxBytes) is not downloaded: its start is fetched (a partial
/// fetch) and kept as rejected with its size, reason TooLarge, as `import` keeps such a mail; the folder is read on.
/// </summary>
public sealed class ImapTooLargeMailTests
{
    static readonly TimeSpan Soon = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AMessageTooLargeIsKeptAsItsStartWithoutDownloadingIt()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        await using (var other = await ImapTestClient.ConnectAsync(stack, "rq"))
        {
            await other.AppendAsync("INBOX", 1, "huge", bodyBytes: RawMail.MaxBytes + 100_000);
            await other.AppendAsync("INBOX", 1, "small");
        }
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path);

        await service.WaitForAsync(async () => await service.CountAsync() == 1, Soon, "the small message");
        await using var c = await service.Ledger.ConnectAsync(TestContext.Current.CancellationToken);
        var kept = Assert.Single(await c.QueryAsync<(string Source, long Size, byte[] Raw, string Reasons)>(
            "SELECT source, raw_size, raw, reasons FROM rejected"));
        Assert.Equal(RawMail.KeptOfTooLarge, kept.Size);
        Assert.Contains("Subject: huge 0", System.Text.Encoding.ASCII.GetString(global::ReviewQueue.Storage.Compression.Unpack(kept.Raw)));
        Assert.Contains("TooLarge", kept.Reasons);
        Assert.Contains("more than the 33,554,432 a mail may have", kept.Reasons);
        Assert.Equal("imap:rq/INBOX#1", kept.Source);
    }
}
