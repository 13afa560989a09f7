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
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ledger:Database"] = dir.File("ledger.db"),
        }).Build();
        var log = new InformationLines();
        var services = new ServiceCollection().AddReviewQueue(configuration);
        services.AddLogging(logging => logging.AddProvider(log));
        services.AddSingleton<CatchUpWorker>();
        await using var sp = services.BuildServiceProvider();
        await sp.GetRequiredService<MailImport>().ImportAsync([new RawMail(MailText.Bytes(MailText.Message(1, "own@example.org")), "imap")],
            listId: null, TestContext.Current.CancellationToken);

        var worker = sp.GetRequiredService<CatchUpWorker>();
        await worker.StartAsync(TestContext.Current.CancellationToken);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!log.Lines().Any(l => l.StartsWith("Assembled", StringComparison.Ordinal)) && DateTime.UtcNow < until)
            await Task.Delay(50, TestContext.Current.CancellationToken);
        await worker.StopAsync(TestContext.Current.CancellationToken);

        var line = Assert.Single(log.Lines(), l => l.StartsWith("Assembled", StringComparison.Ordinal));
        Assert.DoesNotContain("other processes", line);
        Assert.StartsWith("Assembled mail stored since the last rebuild (by `import -` or this service's IMAP sync): 1 mails,", line);
    }

    sealed class InformationLines : ILoggerProvider, ILogger
    {
        readonly List<string> lines = [];
        public IReadOnlyList<string> Lines() { lock (lines) return [.. lines]; }
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                lock (lines)
                    lines.Add(formatter(state, exception));
        }
        public void Dispose() { }
    }
}
