using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReviewQueue.Core.Series;
using ReviewQueue.IntegrationTests.MailStack;
using ReviewQueue.Series;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Imap;

/// <summary>
/// SIGTERM while `run` assembles the topics of mail it has just read over IMAP: the rebuild is cancelled, the mail stays
/// stored (its cursor with it), the service stops at once with no worker failed (exit 0), and the next start assembles it.
/// </summary>
public sealed class ImapStopDuringRebuildTests
{
    static readonly TimeSpan Soon = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AStopWhileTheFetchedMailIsAssembledEndsCleanlyAndTheNextStartAssemblesIt()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        await using (var other = await ImapTestClient.ConnectAsync(stack, "rq"))
            await other.AppendAsync("INBOX", 3, "fetched");

        // The first life's rebuild holds on until the service stops, as a long one over a large ledger would.
        var held = new HeldRebuild();
        await using (var first = await ServiceUnderTest.StartAsync(stack, dir.Path, s => s.AddSingleton<ITopicsFollower>(held)))
        {
            await held.Entered.Task.WaitAsync(Soon, TestContext.Current.CancellationToken);
            Assert.Equal(3, await first.CountAsync());

            var clock = Stopwatch.StartNew();
            await first.App.StopAsync(CancellationToken.None);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {clock.Elapsed}");
            Assert.True(held.Cancelled, "the rebuild was not told to stop");
            var failed = first.App.Services.GetServices<IHostedService>().OfType<BackgroundService>()
                .Where(s => s.ExecuteTask is { IsFaulted: true }).Select(s => s.GetType().Name);
            Assert.Empty(failed); // RunCommand.ServeAsync exits 0
            Assert.True(await BehindAsync(first), "the cancelled rebuild was recorded as done");
        }

        await using var second = await ServiceUnderTest.StartAsync(stack, dir.Path);
        await second.WaitForAsync(async () => !await BehindAsync(second), Soon, "the 3 fetched messages assembled");
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(3, await second.CountAsync()); // none fetched and stored again
    }

    static Task<bool> BehindAsync(ServiceUnderTest service) =>
        service.App.Services.GetRequiredService<SeriesProjection>().IsBehindAsync(CancellationToken.None);

    /// <summary>A follower whose rebuild waits, once begun, until it is cancelled.</summary>
    sealed class HeldRebuild : ITopicsFollower
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public volatile bool Cancelled;

        public async Task<ITopicsRefresh> BeginAsync(CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled = true;
                throw;
            }
            throw new UnreachableException();
        }
    }
}
