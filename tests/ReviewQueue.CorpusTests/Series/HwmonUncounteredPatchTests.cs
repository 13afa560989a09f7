using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Series;

/// <summary>
/// hwmon 2024H2: a v2 sent by one git send-email as "[PATCH v2] …" (patch 1, its counter left off) and "[PATCH v2 2/2] …"
/// in reply a second later, threaded under the single-patch v1; v3 came as 1/2 and 2/2. `b4 am -v 2` on the thread
/// gives both patches as v2, and Patchwork files the 2/2 in the series of the mail it answers: one topic, v2 a complete
/// series of two, read by hand.
/// </summary>
public sealed class HwmonUncounteredPatchTests
{
    [Fact]
    public void TheV2WhosePatchOneLostItsCounterIsOneSeriesOfTwoInItsTopic()
    {
        var path = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.mbox");
        var topics = CorpusMail.Build(CorpusMail.Series(path));
        var topic = topics.Single(t => t.Revisions.Any(r => r.Id == "20241111095045.1218986-1-lschyi@chromium.org"));
        Assert.Equal(["20241111074904.1059268-1-lschyi@chromium.org", "20241111095045.1218986-1-lschyi@chromium.org",
            "20241113024000.3327161-1-lschyi@chromium.org"], topic.Revisions.Select(r => r.Id));
        var v2 = topic.Revisions[1];
        Assert.True(v2.Complete);
        Assert.Equal(["20241111095045.1218986-1-lschyi@chromium.org", "20241111095045.1218986-2-lschyi@chromium.org"],
            v2.Patches.Select(p => p.MessageId));
        Assert.DoesNotContain(topics, t => t != topic && t.Revisions.Any(r => r.Patches.Any(p => p.MessageId.Contains("1218986-2"))));
    }
}
