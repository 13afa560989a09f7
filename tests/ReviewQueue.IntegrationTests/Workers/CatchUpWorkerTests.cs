using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Import;
using ReviewQueue.TestSupport;
using ReviewQueue.Workers;

namespace ReviewQueue.IntegrationTests.Workers;

/// <summary>What `run`'s catch-up says when it assembles stored mail that no rebuild has read yet.</summary>
public sealed class CatchUpWorkerTests
{
    [Fact]
    public async Task MailTheServiceItselfStoredIsNotSaidToComeFromOtherProcesses()
    {
        // As the service's own IMAP sync leaves it for a moment: stored in this process, its rebuild not yet run.
        using var dir = new TempDir();
        var log = new LogLines();
        await using var sp = await ServicesWithOneMailAsync(dir.File("ledger.db"), log, "own@example.org", "imap");

        var line = await AssembledLineAsync(sp, log);

        Assert.DoesNotContain("other processes", line);
        Assert.StartsWith("Information Assembled mail stored since the last rebuild (by `import -` or this service's IMAP sync): 1 mail,", line);
    }

    /// <summary>
    /// A service stopped (SIGTERM, SIGKILL) between its IMAP sync's store and its rebuild leaves a few mails unassembled
    /// in a ledger of thousands; the next start's catch-up said "… since the last rebuild …: 2399 mails" (the whole ledger,
    /// which every rebuild reads) where a handful had come, as a soak of hwmon through the mail stack found.
    /// </summary>
    [Fact]
    public async Task TheCatchUpCountsTheMailStoredSinceTheLastRebuildNotTheWholeLedger()
    {
        using var dir = new TempDir();
        var log = new LogLines();
        await using var sp = await ServicesWithOneMailAsync(dir.File("ledger.db"), log, "first@example.org", "imap");
        var import = sp.GetRequiredService<MailImport>();
        await import.ImportAsync([new RawMail(MailText.Bytes(MailText.Message(2, "second@example.org")), "imap")], listId: null,
            TestContext.Current.CancellationToken);
        await sp.GetRequiredService<ReviewQueue.Series.SeriesProjection>().RebuildAsync(TestContext.Current.CancellationToken);
        await import.ImportAsync([new RawMail(MailText.Bytes(MailText.Message(3, "third@example.org")), "imap")], listId: null,
            TestContext.Current.CancellationToken);

        var line = await AssembledLineAsync(sp, log);

        Assert.StartsWith("Information Assembled mail stored since the last rebuild (by `import -` or this service's IMAP sync): 1 mail,", line);
    }

    /// <summary>
    /// A ledger an earlier ReviewQueue wrote before the rebuild marker (builds of 2026-11-27 before 03:24) looks behind
    /// to the catch-up, but `run` reads it all again at start anyway (ReadingStampWorker): assembling it first by the old
    /// facts was a second rebuild, logged as 3,002 mails "stored since the last rebuild (by `import -` or this
    /// service's IMAP sync)", which nothing had stored.
    /// </summary>
    [Fact]
    public async Task ALedgerDueForReindexIsLeftToItAndNotSaidToHoldMailStoredSinceTheLastRebuild()
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        var log = new LogLines();
        await using var sp = await ServicesWithOneMailAsync(db, log, "old@example.org", "old.mbox");
        Series.ReadingStampTests.Forget(db); // as the earlier program left it: no reading stamp, no rebuild marker

        var worker = sp.GetRequiredService<CatchUpWorker>();
        await worker.StartAsync(TestContext.Current.CancellationToken);
        await Task.Delay(CatchUpWorker.Every * 1.5, TestContext.Current.CancellationToken); // its first look, at start, and one more
        await worker.StopAsync(TestContext.Current.CancellationToken);

        Assert.DoesNotContain(log.Lines(), l => l.StartsWith("Information Assembled", StringComparison.Ordinal));
    }

    /// <summary>The service's services on a new ledger (the catch-up worker among them), with one mail stored and not yet assembled.</summary>
    /// <summary>Runs the catch-up until it says what it assembled (30 s at most) and gives that one line.</summary>
    static async Task<string> AssembledLineAsync(ServiceProvider sp, LogLines log)
    {
        var worker = sp.GetRequiredService<CatchUpWorker>();
        await worker.StartAsync(TestContext.Current.CancellationToken);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!log.Lines().Any(l => l.StartsWith("Information Assembled", StringComparison.Ordinal)) && DateTime.UtcNow < until)
            await Task.Delay(50, TestContext.Current.CancellationToken);
        await worker.StopAsync(TestContext.Current.CancellationToken);
        return Assert.Single(log.Lines(), l => l.StartsWith("Information Assembled", StringComparison.Ordinal));
    }

    static async Task<ServiceProvider> ServicesWithOneMailAsync(string db, LogLines log, string messageId, string source)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ledger:Database"] = db,
        }).Build();
        var services = new ServiceCollection().AddReviewQueue(configuration);
        services.AddLogging(logging => logging.AddProvider(log));
        services.AddSingleton<CatchUpWorker>();
        var sp = services.BuildServiceProvider();
        await sp.GetRequiredService<MailImport>().ImportAsync([new RawMail(MailText.Bytes(MailText.Message(1, messageId)), source)],
            listId: null, TestContext.Current.CancellationToken);
        return sp;
    }
}
