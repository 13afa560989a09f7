using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Debt;
using ReviewQueue.Import;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Import;

public sealed class InterruptedAssemblyTests
{
    [Fact]
    public async Task MailStoredByARunThatStoppedBeforeAssemblingIsAssembledByTheNextImportThoughNothingIsNew()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ledger = new TestLedger();
        var demo = RepoPaths.Of("samples", "demo.mbox");
        var projection = ledger.Services.GetRequiredService<SeriesProjection>();
        var backlog = ledger.Services.GetRequiredService<Backlog>();

        // A run that stored the demo mail and its facts, then stopped before the topics were assembled.
        var stored = await ledger.Import.ImportAsync(MailSource.Open(demo).Mails, listId: null, ct);
        Assert.True(stored.New > 0);
        Assert.True(await projection.IsBehindAsync(ct));
        Assert.Null(await backlog.StoredJsonAsync(ct));

        var again = await ledger.ImportAsync(demo);

        Assert.Equal(0, again.New);
        Assert.False(await projection.IsBehindAsync(ct));
        var debt = (await backlog.DebtAsync(null, null, ct))!;
        Assert.True(debt.Total.OpenSeries > 0, "the demo's unreviewed series are in the backlog");
        Assert.NotNull(await backlog.StoredJsonAsync(ct));

        // And a third import with nothing new and nothing behind does not assemble again.
        var stamp = await ledger.Services.GetRequiredService<DebtStore>().StampAsync(ct);
        await Task.Delay(1100, ct);
        await ledger.ImportAsync(demo);
        Assert.Equal(stamp, await ledger.Services.GetRequiredService<DebtStore>().StampAsync(ct));
    }
}
