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

    // The objection words as seeds/review-policy.json ships them.
    static ReviewPolicy SeedWords() => Policy() with { ObjectionWords = ["NAK", "NACK", "Nacked", "NAKed"] };

    [Theory]
    [InlineData("NAK", true)]
    [InlineData("  nak.", true)]
    [InlineData("NACK", true)]
    [InlineData("NAK, this breaks resume", true)]
    [InlineData("Nack, because the binding already has a property for this.", true)]
    [InlineData("NAK. This breaks the ABI.", true)]
    [InlineData("NAK: the register is read-only.", true)]
    [InlineData("NAK; see my reply to v2.", true)]
    [InlineData("nack! :-)", true)]
    [InlineData("NAK	for the reasons above", true)]
    [InlineData("NAK for now", true)]
    [InlineData("Nacked.", true)]
    [InlineData("NAKed, sorry", true)]
    [InlineData("snake", false)]
    [InlineData("NAKs are rare on this list.", false)]
    [InlineData("nakedly wrong", false)]
    [InlineData("Nack-ing this would only delay the fix.", false)]
    [InlineData("NAK'd by the device, the transfer ends.", false)]
    [InlineData("NAK/ACK handling is done by the controller.", false)]
    [InlineData("NAK? Why?", false)]
    [InlineData("> NAK, this breaks everything.", false)]
    [InlineData("I would not NAK this.", false)]
    [InlineData("Nacked-by: Mia Maintainer <mia@example.org>", false)]
    [InlineData("", false)]
    public void AnObjectionWordObjectsWhenItIsTheLinesFirstWord(string line, bool objection) =>
        Assert.Equal(objection, SeedWords().IsObjectionLine(line));

    [Fact]
    public void OnlyTheWordsOfThePolicyObject()
    {
        Assert.False(Policy().IsObjectionLine("NACK, no."));
        Assert.True(Policy().IsObjectionLine("NAK, no."));
    }

    [Fact]
    public void TheSignatureIsTheSameForTheSameMeaningAndChangesWithAnyOfIt()
    {
        var policy = Policy();
        var reordered = policy with { ReviewTrailers = ["reviewed-by:", "Reviewed-by"], ObjectionWords = ["nak"] };

        Assert.Equal(policy.Signature(), reordered.Signature());
        Assert.Equal(policy.Signature(), Policy().Signature());
        Assert.Equal(policy.Signature(), (policy with { StaleAfter = TimeSpan.FromDays(7) }).Signature()); // measured anew at every refresh
        Assert.All(new[]
        {
            policy with { StableBackportsAreDebt = true },
            policy with { ObjectionWords = ["NAK", "NACK"] },
            policy with { AckTrailers = [] },
            policy with { ObjectionWords = ["NAK:"] }, // another word to IsObjectionLine
            Policy(testedCounts: true),
            policy with { Bots = [.. policy.Bots.Reverse()] }, // the first bot that matches counts
            policy with { Bots = [new BotRule("kernel test robot", "lkp@intel.com", AppliedNotices: true), policy.Bots[1]] },
        }, other => Assert.NotEqual(policy.Signature(), other.Signature()));
    }
}
