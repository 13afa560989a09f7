using ReviewQueue.Core.Review;

namespace ReviewQueue.Core.Tests.Review;

public sealed class DurationsTests
{
    [Fact]
    public void MedianAndP90AreNearestRankPercentiles()
    {
        var d = Durations.Of(Enumerable.Range(1, 10).Select(h => TimeSpan.FromHours(h)));
        Assert.Equal(new Durations(10, 5.0, 9.0), d);
    }

    [Fact]
    public void NoSamplesGiveNoFigures() => Assert.Equal(Durations.None, Durations.Of([]));
}
