using ReviewQueue.Configuration;
using ReviewQueue.Core.Review;
using ReviewQueue.Review;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Review;

public sealed class ReviewSeedsTests
{
    [Fact]
    public void TheShippedSeedsLoadAndClassifyTrailersAndBots()
    {
        var result = ReviewSeeds.Load(new ReviewOptions { Seeds = RepoPaths.Of("seeds") });

        Assert.Empty(result.Problems);
        var policy = result.Policy!;
        Assert.Equal(TrailerMeaning.Review, policy.Meaning("Reviewed-by"));
        Assert.Equal(TrailerMeaning.Ack, policy.Meaning("Acked-by"));
        Assert.Equal(TrailerMeaning.Test, policy.Meaning("Tested-by"));
        Assert.Equal(TrailerMeaning.Objection, policy.Meaning("Nacked-by"));
        Assert.Equal(TrailerMeaning.Other, policy.Meaning("Signed-off-by"));
        Assert.True(policy.CountsAsReview("Reviewed-by"));
        Assert.True(policy.CountsAsReview("Acked-by"));
        Assert.False(policy.CountsAsReview("Tested-by"));
        Assert.True(policy.IsObjectionLine("NAK"));
        Assert.Equal("kernel test robot", policy.Bot("lkp@intel.com")!.Name);
        Assert.True(policy.IsBot("syzbot+0123abcd@syzkaller.appspotmail.com"));
        Assert.False(policy.IsBot("linux@roeck-us.net"));
        Assert.True(policy.StaleAfter > TimeSpan.Zero);
        Assert.False(policy.StableBackportsAreDebt);
    }

    [Fact]
    public void ConfigurationOverridesTheSeeds()
    {
        var result = ReviewSeeds.Load(new ReviewOptions
        {
            Seeds = RepoPaths.Of("seeds"),
            TestedByCountsAsReview = true,
            StaleAfter = TimeSpan.FromDays(3),
            ExtraBots = ["ci-bot@example.org"],
            StableBackportsAreDebt = true,
        });

        Assert.True(result.Policy!.CountsAsReview("Tested-by"));
        Assert.Equal(TimeSpan.FromDays(3), result.Policy.StaleAfter);
        Assert.True(result.Policy.IsBot("ci-bot@example.org"));
        Assert.True(result.Policy.StableBackportsAreDebt);
    }

    [Fact]
    public void ABrokenSeedFileIsAProblemNamingTheKeyAndFile()
    {
        using var dir = new TempDir();
        File.Copy(RepoPaths.Of("seeds", "bots.json"), dir.File("bots.json"));
        File.WriteAllText(dir.File("review-policy.json"), """{ "trailers": { "review": [] }, "staleAfter": "14.00:00:00" }""");

        var result = ReviewSeeds.Load(new ReviewOptions { Seeds = dir.Path });

        Assert.Null(result.Policy);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("Review:Seeds", problem);
        Assert.Contains("review-policy.json", problem);
        Assert.Contains("trailers.review", problem);
    }

    [Fact]
    public void SeedFilesMayHoldCommentsTrailingCommasAndAnyCaseButNoUnknownField()
    {
        using var dir = new TempDir();
        File.Copy(RepoPaths.Of("seeds", "bots.json"), dir.File("bots.json"));
        File.WriteAllText(dir.File("review-policy.json"), """
            // an operator's note
            { "Trailers": { "REVIEW": ["Reviewed-by",], }, "staleafter": "7.00:00:00", }
            """);
        var lenient = ReviewSeeds.Load(new ReviewOptions { Seeds = dir.Path });
        File.WriteAllText(dir.File("review-policy.json"), """{ "trailers": { "review": ["Reviewed-by"] }, "staleAfter": "7.00:00:00", "stalAfter": 1 }""");
        var strict = ReviewSeeds.Load(new ReviewOptions { Seeds = dir.Path });

        Assert.Empty(lenient.Problems);
        Assert.Equal(TimeSpan.FromDays(7), lenient.Policy!.StaleAfter);
        Assert.Null(strict.Policy);
        Assert.Contains("stalAfter", Assert.Single(strict.Problems));
    }

    [Fact]
    public void AMissingSeedsFolderStopsTheProgramWithTheKeyNamed()
    {
        var r = ReviewQueueProgram.Run(["rejected"], env: new Dictionary<string, string> { ["Review__Seeds"] = "/nonexistent/seeds" });

        Assert.Equal(78, r.ExitCode);
        Assert.Contains("Review:Seeds", r.Stderr);
    }
}
