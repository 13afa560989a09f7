using ReviewQueue.Core.Review;

namespace ReviewQueue.Core.Tests.Review;

public sealed class ReviewPolicyTests
{
    static ReviewPolicy Policy(bool testedCounts = false) => new(
        ["Reviewed-by"], ["Acked-by"], ["Tested-by"], ["Nacked-by"], ["NAK"],
        testedCounts, TimeSpan.FromDays(14),
        [new BotRule("kernel test robot", "lkp@intel.com"), new BotRule("syzbot", "syzbot+*@syzkaller.appspotmail.com")]);

    [Theory]
    [InlineData("Reviewed-by", TrailerMeaning.Review)]
    [InlineData("reviewed-by:", TrailerMeaning.Review)]
    [InlineData("Acked-by", TrailerMeaning.Ack)]
    [InlineData("Tested-by", TrailerMeaning.Test)]
    [InlineData("Nacked-by", TrailerMeaning.Objection)]
    [InlineData("Signed-off-by", TrailerMeaning.Other)]
    [InlineData("Reported-by", TrailerMeaning.Other)]
    public void TrailerNamesMeanWhatThePolicySays(string name, TrailerMeaning meaning) =>
        Assert.Equal(meaning, Policy().Meaning(name));

    [Fact]
    public void TestedByCountsAsReviewOnlyWhenThePolicySaysSo()
    {
        Assert.False(Policy(testedCounts: false).CountsAsReview("Tested-by"));
        Assert.True(Policy(testedCounts: true).CountsAsReview("Tested-by"));
        Assert.True(Policy().CountsAsReview("Acked-by"));
        Assert.False(Policy().CountsAsReview("Nacked-by"));
    }

    [Theory]
    [InlineData("lkp@intel.com", true)]
    [InlineData("LKP@Intel.com", true)]
    [InlineData("<lkp@intel.com>", true)]
    [InlineData("syzbot+4a2c1d@syzkaller.appspotmail.com", true)]
    [InlineData("syzbot@syzkaller.appspotmail.com.evil.org", false)]
    [InlineData("lkp@intel.com.org", false)]
    [InlineData("ada@example.org", false)]
    [InlineData(null, false)]
    public void BotsAreKnownByAddressOrPattern(string? address, bool bot) =>
        Assert.Equal(bot, Policy().IsBot(address));

    [Theory]
    [InlineData("NAK", true)]
    [InlineData("  nak.", true)]
    [InlineData("NAK, this breaks resume", false)]
    [InlineData("snake", false)]
    public void ObjectionWordsCountOnlyOnALineOfTheirOwn(string line, bool objection) =>
        Assert.Equal(objection, Policy().IsObjectionLine(line));
}
