using ReviewQueue.Core.Review;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Series;

/// <summary>
/// hwmon 2024H2: a two-patch series whose v3 drew "the subject should be 'hwmon: (ina226) Add support for …'" was
/// sent again as v3 under that subject, in answer to that review mail, touching the same files, and once more v3
/// after the next review. One topic from its v1 to the last v3, as the maintainer read it.
/// </summary>
public sealed class HwmonSentAgainTests
{
    [Fact]
    public void TheSeriesSentAgainUnderTheSubjectTheReviewerAskedForIsTheSameTopic()
    {
        var path = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.mbox");
        var topics = CorpusMail.Build(CorpusMail.Series(path));
        var topic = topics.Single(t => t.Revisions.Any(r => r.Id == "20241103163908.11890-1-wenliang202407@163.com"));
        Assert.Equal(["20240911122518.41393-1-wenliang202407@163.com", "20241012070627.20788-1-wenliang202407@163.com",
            "20241024083055.82047-1-wenliang202407@163.com", "20241103163908.11890-1-wenliang202407@163.com",
            "20241106150547.2538-1-wenliang202407@163.com"], topic.Revisions.Select(r => r.Id));
        Assert.All(topic.Revisions.SkipLast(1), r => Assert.Equal(ReviewState.Superseded, ReviewStates.Of(r, CorpusMail.Review)));
    }
}
