using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Subsystems;

/// <summary>
/// Every rebuild records the sections of every topic again: links recorded already as they are stay as they are,
/// and only those that differ are deleted and written.
/// </summary>
public sealed class SectionLinksStoreTests
{
    static SubsystemStore.SectionInput Section(string name) => new(name, "Maintained", ["Ada <ada@example.org>"], [], []);

    [Fact]
    public async Task LinksRecordedAsTheyAreAreNotWrittenAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDir();
        var store = new SubsystemStore(Ledger.Open(dir.File("ledger.db")), TimeProvider.System);
        await store.ReplaceSectionsAsync([Section("HWMON"), Section("PMBUS"), Section("I2C")], "test", ct);
        SectionLinks[] links = [new("<a@example.org>", ["HWMON", "PMBUS"]), new("<b@example.org>", ["I2C"]), new("<c@example.org>", [])];

        Assert.Equal(3, await store.RecordAllAsync(links, ct)); // three links in
        Assert.Equal(0, await store.RecordAllAsync(links, ct)); // the same again: nothing written

        // a's sections change order, b gains one, c stays without: a's two links go and come back, b's one and two.
        SectionLinks[] changed = [new("<a@example.org>", ["PMBUS", "HWMON"]), new("<b@example.org>", ["I2C", "HWMON"]), new("<c@example.org>", [])];
        Assert.Equal(2 + 2 + 1 + 2, await store.RecordAllAsync(changed, ct));
        Assert.Equal(["PMBUS", "HWMON"], await store.SectionsOfAsync("<a@example.org>", ct));
        Assert.Equal(["I2C", "HWMON"], await store.SectionsOfAsync("<b@example.org>", ct));

        // Fewer sections than recorded, and none at all, are changes too.
        Assert.Equal(2 + 1, await store.RecordAllAsync([new("<a@example.org>", ["PMBUS"])], ct));
        Assert.Equal(2, await store.RecordAllAsync([new("<b@example.org>", [])], ct));
        Assert.Equal(["PMBUS"], await store.SectionsOfAsync("<a@example.org>", ct));
        Assert.Empty(await store.SectionsOfAsync("<b@example.org>", ct));
        Assert.Equal(0, await store.RecordAllAsync([new("<a@example.org>", ["PMBUS"]), new("<b@example.org>", [])], ct));
    }
}
