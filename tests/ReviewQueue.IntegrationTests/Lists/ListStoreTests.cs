using ReviewQueue.Core.Ingest;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Lists;

public sealed class ListStoreTests
{
    [Fact]
    public async Task AListIsRequestedThenConfirmedThenActiveOnceItsMailArrives()
    {
        using var dir = new TempDir();
        var ledger = Ledger.Open(dir.File("l.db"));
        var lists = new ListStore(ledger);
        var ct = TestContext.Current.CancellationToken;
        Assert.Empty(await lists.ListAsync(ct));

        var now = DateTimeOffset.UtcNow;
        await lists.RequestedAsync("devel@lists.example.org", "devel.lists.example.org", "mlmmj", "rq", "rq@example.org", now, ct);
        Assert.Equal("requested", (await lists.ListAsync(ct)).Single().Shown);
        await lists.ConfirmedAsync("devel@lists.example.org", null, now, ct);
        Assert.Equal("confirmed", (await lists.ListAsync(ct)).Single().Shown);

        var raw = "From: a@example.org\nSubject: hi\nMessage-ID: <1@example.org>\nList-Id: Devel <devel.lists.example.org>\n\nhello\n"u8.ToArray();
        var e = EnvelopeReader.Read(raw).Envelope!;
        await new MessageStore(ledger).StoreAsync([new NewMessage(e.MessageId, false, e.ListId, e.Subject, null, e.FromEmail, null, now, "t", raw)],
            [], null, ct);
        var list = (await lists.ListAsync(ct)).Single();
        Assert.Equal(("active", 1L), (list.Shown, list.Messages));

        // Asking again does not forget a confirmation.
        await lists.RequestedAsync("devel@lists.example.org", "devel.lists.example.org", "mlmmj", "rq", "rq@example.org", now, ct);
        Assert.Equal("active", (await lists.ListAsync(ct)).Single().Shown);
    }
}
