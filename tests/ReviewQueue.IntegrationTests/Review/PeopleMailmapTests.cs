using Dapper;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Core.Review;
using ReviewQueue.Debt;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;
using static ReviewQueue.IntegrationTests.Series.GroupedRebuildTests;

namespace ReviewQueue.IntegrationTests.Review;

/// <summary>
/// People are counted under the .mailmap beside MAINTAINERS (Maintainers:Mailmap): a person's work and home addresses
/// are one person. The ledger keeps every address as written, so a .mailmap added, edited or taken away changes who is
/// who at once, without a reindex, and the next refresh stores people so.
/// </summary>
public sealed class PeopleMailmapTests
{
    static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Now = Start.AddDays(2);
    const string AdaAtWork = "Ada Author <ada@corp.example>", AdaAtHome = "Ada A. <ada@home.example>", Rob = "Rob Reviewer <rob@example.org>";

    // p (Ada, from work) ─ p.r (Rob: Reviewed-by)
    // q (Rob) ─ q.r (Ada, from home: Reviewed-by)
    static readonly string Mbox =
        Patch("p", null, Start, "[PATCH] hwmon: (demo) one", "one", AdaAtWork) +
        Entry("p.r", "p", Start.AddHours(1), "Re: [PATCH] hwmon: (demo) one", "Reviewed-by: " + Rob + "\n", Rob) +
        Patch("q", null, Start.AddHours(2), "[PATCH] hwmon: (other) two", "two", Rob) +
        Entry("q.r", "q", Start.AddHours(5), "Re: [PATCH] hwmon: (other) two", "Reviewed-by: " + AdaAtHome + "\n", AdaAtHome);

    [Fact]
    public async Task AMailmapAddedLaterMergesAPersonsAddressesAtOnceAndTakenAwaySplitsThemAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDir("rq-people-mailmap");
        File.WriteAllText(dir.File("MAINTAINERS"), "DEMO SENSORS\nM:\tMia Maintainer <mia@example.org>\nS:\tMaintained\nF:\tdrivers/hwmon/\n");
        File.WriteAllText(dir.File("mail.mbox"), Mbox);
        var settings = new Dictionary<string, string?>
        {
            ["Ledger:Database"] = dir.File("ledger.db"),
            ["Maintainers:File"] = dir.File("MAINTAINERS"),
        };
        using (var before = new TestLedger(settings: settings, time: new FixedTime(Now)))
        {
            await before.ImportAsync(dir.File("mail.mbox"));
            var people = await before.Services.GetRequiredService<Backlog>().PeopleAsync(null, ct);
            Assert.Equal(["ada@corp.example", "ada@home.example", "rob@example.org"], people.People.Select(p => p.Key).Order());
        }

        // The kernel keeps its .mailmap beside MAINTAINERS: there it is found without Maintainers:Mailmap.
        File.WriteAllText(dir.File(".mailmap"), "Ada Author <ada@corp.example> <ADA@home.example>\n");
        using (var mapped = new TestLedger(settings: settings, time: new FixedTime(Now)))
        {
            var backlog = mapped.Services.GetRequiredService<Backlog>();
            var people = await backlog.PeopleAsync(null, ct);
            var ada = Assert.Single(people.People, p => p.Key == "ada@corp.example");
            Assert.Equal(("Ada Author", 1, 1, 1, 0), (ada.Name, ada.Given, ada.Needed, ada.Received, ada.Balance));
            Assert.Equal(["ada@home.example"], ada.MappedFrom);
            Assert.DoesNotContain(people.People, p => p.Key == "ada@home.example");
            Assert.DoesNotContain(people.Domains, d => d.Key == "home.example");
            Assert.Contains("(also ada@home.example)", ReviewQueue.Web.People.PeoplePage.Render(people, ReviewQueue.Web.SiteLinks.AtRoot));
            Assert.Equal(" (also ada@home.example)", DebtText.Also(ada));
            Assert.Equal(Json(await backlog.PeopleAsync(DateOnly.FromDateTime(Now.UtcDateTime), ct)), Json(people));

            // Nothing was written by reading: the next refresh stores people under the .mailmap.
            Assert.Equal(3, StoredPeople(mapped));
            await mapped.Services.GetRequiredService<SeriesProjection>().RebuildAsync(ct);
            Assert.Equal(2, StoredPeople(mapped));
            Assert.Equal(Json(people), Json(await backlog.PeopleAsync(null, ct)));
        }

        File.Delete(dir.File(".mailmap"));
        using var without = new TestLedger(settings: settings, time: new FixedTime(Now));
        var split = await without.Services.GetRequiredService<Backlog>().PeopleAsync(null, ct);
        Assert.Equal((0, 1), (Assert.Single(split.People, p => p.Key == "ada@corp.example").Given, split.People.Single(p => p.Key == "ada@corp.example").Needed));
        Assert.Equal(1, Assert.Single(split.People, p => p.Key == "ada@home.example").Given);
    }

    // A ledger last refreshed by a build before mailmaps: its stored rows have no mapped_from, and answer [] as new ones do.
    [Fact]
    public void APersonStoredBeforeMailmapsWereReadWasMappedFromNoOtherAddress()
    {
        var row = DebtJson.Read<ReviewBalance>("""
            {"key":"ada@corp.example","name":"Ada Author","given":1,"needed":1,"received":1,"balance":0,"review_time":{"samples":1,"median_hours":3,"p90_hours":3}}
            """);
        Assert.Empty(row.MappedFrom);
        Assert.Contains("\"mapped_from\": []", DebtJson.Serialize(row));
    }

    static int StoredPeople(TestLedger ledger)
    {
        using var c = ledger.Ledger.Connect();
        return c.ExecuteScalar<int>("SELECT count(*) FROM debt_people WHERE kind = 'person'");
    }

    static string Json(PeopleReport report) => DebtJson.Serialize(report with { AsOf = null });
}
