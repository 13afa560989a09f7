using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Series;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Series;

/// <summary>
/// hwmon 2024H2 holds 17 mails sent through the B4 Relay (From "Name via B4 Relay &lt;devnull+…@kernel.org&gt;",
/// the person in X-Original-From): the GPD fan driver v1-v4, the MAX31331 series and two single patches. Their topics,
/// revisions, cover letters and patches are the person's, as b4 and git am credit them.
/// </summary>
public sealed class HwmonRelayTests(ITestOutputHelper output)
{
    [Fact]
    public void TopicsPostedThroughTheB4RelayAreThePostersNotTheRelays()
    {
        var path = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.mbox");
        var topics = CorpusMail.Build(CorpusMail.Series(path));
        static bool Relay(Person p) => p.Email?.StartsWith("devnull+", StringComparison.OrdinalIgnoreCase) == true;
        var relayed = topics
            .Where(t => Relay(t.Author) || t.Revisions.Any(r => Relay(r.Author) || r.Patches.Any(p => Relay(p.Author))))
            .Select(t => $"{t.Id} {t.Title}: {t.Author.Name} <{t.Author.Email}>").ToList();
        foreach (var line in relayed)
            output.WriteLine(line);
        Assert.Empty(relayed);

        var gpd = topics.Single(t => t.Title == "hwmon: add GPD devices sensor driver");
        Assert.Equal(new Person("Cryolitia PukNgae", "cryolitia@gmail.com"), gpd.Author);
        Assert.Equal([1, 2, 3, 4], gpd.Revisions.Select(r => r.Version));
        Assert.All(gpd.Revisions, r => Assert.Equal("cryolitia@gmail.com", r.Author.Email));
        var max = topics.Single(t => t.Revisions.Any(r => r.CoverMessageId is not null && r.Title.Contains("MAX31331", StringComparison.Ordinal)));
        Assert.Equal(new Person("PavithraUdayakumar-adi", "pavithra.u@analog.com"), max.Author);
    }
}
