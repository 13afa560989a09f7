using ReviewQueue.Core.Review;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Series;

/// <summary>
/// hwmon 2024H2 holds one re-roll whose title only gained the driver tag the maintainer asked for (v1 untagged, v2
/// "hwmon: (pmbus/…) …", not threaded, the same diff): the tag link joins it and nothing else. The same sender's
/// later untagged-then-tagged clean-up for a driver the first did not touch (both v1), and one maintainer's two
/// drivers' series of one title (each tagged, both touching Kconfig), stay apart. Every pair was read by hand.
/// </summary>
public sealed class HwmonDriverTagTests(ITestOutputHelper output)
{
    [Fact]
    public void TheOnlyTagLinkIsTheUntaggedV1AndItsTaggedV2()
    {
        var path = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.mbox");
        var topics = CorpusMail.Build(CorpusMail.Series(path));
        var tagged = topics.Where(t => t.Revisions.Any(r => r.LinkedBy == "tag")).ToList();
        foreach (var t in tagged)
            output.WriteLine($"{t.Id}: {string.Join(" | ", t.Revisions.Select(r => $"{r.VersionLabel} {r.Title} [{r.LinkedBy}]"))}");

        var topic = Assert.Single(tagged);
        Assert.Equal(["20240918033512.9351-1-shenlichuan@vivo.com", "20240919064939.3282-1-shenlichuan@vivo.com"],
            topic.Revisions.Select(r => r.Id));
        Assert.Equal(ReviewState.Superseded, ReviewStates.Of(topic.Revisions[0], CorpusMail.Review));
        Assert.Equal(ReviewState.Accepted, ReviewStates.Of(topic.Current, CorpusMail.Review));

        static string TopicOf(IEnumerable<Core.Series.Topic> all, string id) => all.Single(t => t.Revisions.Any(r => r.Id == id)).Id;
        Assert.NotEqual(TopicOf(topics, "20240918123150.1540161-7-u.kleine-koenig@baylibre.com"),
            TopicOf(topics, "20241204140857.1691402-2-u.kleine-koenig@baylibre.com"));
        Assert.NotEqual(TopicOf(topics, "20240705213547.1155690-1-linux@roeck-us.net"),
            TopicOf(topics, "20240718033935.205185-1-linux@roeck-us.net"));
    }
}
