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

    // A seed file (the other one as shipped), and whether it is read without the serializer.
    public static TheoryData<string, string, bool> SeedFiles()
    {
        const string P = ReviewSeeds.PolicyFile, B = ReviewSeeds.BotsFile;
        static string Policy(string staleAfter) =>
            $$"""{ "trailers": { "review": ["Reviewed-by"] }, "staleAfter": {{staleAfter}} }""";
        return new()
        {
            { P, File.ReadAllText(RepoPaths.Of("seeds", P)), true },
            { B, File.ReadAllText(RepoPaths.Of("seeds", B)), true },
            { P, "// a note\n{ \"Trailers\": { \"REVIEW\": [\"Reviewed-by\",], }, \"staleafter\": \"7.00:00:00\", /* more */ }", true },
            { P, """{ "trailers": { "review": ["Reviewed-by"] }, "staleAfter": "7.00:00:00", "stalAfter": 1 }""", false },
            { P, Policy("\"00:30:00\""), true },
            { P, Policy("\"-1.00:00:00\""), true },
            { P, Policy("\"14.00:00:00.1234567\""), true },
            { P, Policy("\"14.00:00:00.12345678\""), false },
            { P, Policy("\"1:00:00\""), false },
            { P, Policy("\"25:00:00\""), false },
            { P, Policy("\" 01:00:00\""), false },
            { P, Policy("5"), false },
            { P, Policy("null"), true },
            { P, """{ "trailers": { "review": [] }, "staleAfter": "14.00:00:00" }""", true },
            { P, """{ "staleAfter": "14.00:00:00", "testedByCountsAsReview": true, "stableBackportsAreDebt": true }""", true },
            { P, """{ "trailers": { "review": ["Reviewed-by"] }, "staleAfter": "1.00:00:00", "testedByCountsAsReview": "yes" }""", false },
            { P, """{ "trailers": { "review": ["Reviewed-by"] }, "Trailers": { "review": ["Acked-by"] }, "staleAfter": "1.00:00:00" }""", false },
            { P, """{ "trailers": { "review": ["Reviewed-by"] }, "objectionWords": ["NAK", 5], "staleAfter": "1.00:00:00" }""", false },
            { P, """{ "trailers": { "review": ["Reviewed-by"], "reviwe": [] }, "staleAfter": "1.00:00:00" }""", false },
            { P, "null", false },
            { P, "[]", false },
            { P, "{", false },
            { B, """{ "bots": [ { "match": "ci@example.org" }, { "name": null, "Match": "pw+*@example.org", "appliedNotices": true } ] }""", true },
            { B, """{ "bots": null }""", true },
            { B, """{ "bots": [ { "match": "ci@example.org", "applied": true } ] }""", false },
            { B, """{ "bots": [ { "match": "ci@example.org", "appliedNotices": 1 } ] }""", false },
            { B, """{ "bots": [ "ci@example.org" ] }""", false },
        };
    }

    [Theory]
    [MemberData(nameof(SeedFiles))]
    public void SeedFilesReadWithoutTheSerializerGiveWhatTheSerializerGives(string file, string text, bool plain)
    {
        using var dir = new TempDir();
        foreach (var seed in new[] { ReviewSeeds.PolicyFile, ReviewSeeds.BotsFile })
            File.WriteAllText(dir.File(seed), seed == file ? text : File.ReadAllText(RepoPaths.Of("seeds", seed)));
        var options = new ReviewOptions { Seeds = dir.Path };

        var read = ReviewSeeds.Load(options);
        var serialized = ReviewSeeds.Load(options, plain: false);

        Assert.Equal(plain, ReviewSeeds.ReadsPlainly(file, text));
        Assert.Equal(serialized.Problems, read.Problems);
        Assert.Equal(Described(serialized.Policy), Described(read.Policy));
    }

    static string? Described(ReviewPolicy? p) => p is null ? null : string.Join(" | ",
        p.Signature(), p.StaleAfter, string.Join(",", p.ReviewTrailers), string.Join(",", p.AckTrailers), string.Join(",", p.TestTrailers),
        string.Join(",", p.ObjectionTrailers), string.Join(",", p.ObjectionWords),
        string.Join(",", p.Bots.Select(b => $"{b.Name}={b.Pattern}:{b.AppliedNotices}")));

    [Fact]
    public void AMissingSeedsFolderStopsTheProgramWithTheKeyNamed()
    {
        var r = ReviewQueueProgram.Run(["rejected"], env: new Dictionary<string, string> { ["Review__Seeds"] = "/nonexistent/seeds" });

        Assert.Equal(78, r.ExitCode);
        Assert.Contains("Review:Seeds", r.Stderr);
    }
}
