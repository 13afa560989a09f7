using LibGit2Sharp;
using ReviewQueue.Git.Apply;

namespace ReviewQueue.IntegrationTests.Git;

/// <summary>Our in-memory check against `git apply --check` (then -R) on every patch of the fixture series, against several commits.</summary>
public sealed class ApplyAgreementTests(ITestOutputHelper output)
{
    [Fact]
    public void ApplyCheckAgreesWithGitApplyOnEveryPatchAgainstBaseMasterAndTopic()
    {
        using var fixture = new FixtureRepo();
        using var repo = new Repository(fixture.Path);
        var targets = new[] { fixture.Base, fixture.Head("master"), fixture.Head("topic"), fixture.TopicCommits[2] };
        int agreed = 0, total = 0;
        var disagreements = new List<string>();
        var seen = new HashSet<string>();
        foreach (var target in targets)
        {
            foreach (var mail in fixture.PatchFiles)
            {
                var diff = fixture.MailDiff(mail);
                var expected = fixture.GitApplyVerdict(target, diff);
                var ours = ApplyCheck.Check(repo, repo.Lookup<Commit>(target), diff);
                var verdict = Verdict(ours.Status);
                seen.Add(verdict);
                total++;
                if (verdict == expected)
                    agreed++;
                else
                    disagreements.Add($"{Path.GetFileName(mail)} on {target[..12]}: git {expected}, ours {verdict} {string.Join("; ", ours.Problems)}");
            }
        }
        output.WriteLine($"apply agreement: {agreed}/{total}");
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.Equal(["ALREADY_PRESENT", "APPLIES", "CONFLICTS"], seen.Order());
    }

    [Fact]
    public void ConflictNamesTheFileAndTheHunk()
    {
        using var fixture = new FixtureRepo();
        using var repo = new Repository(fixture.Path);
        var diff = fixture.MailDiff(fixture.PatchFiles[0]);
        var result = ApplyCheck.Check(repo, repo.Lookup<Commit>(fixture.Head("master")), diff);
        Assert.Equal(ApplyStatus.Conflicts, result.Status);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("drivers/hwmon/sensor.c", problem.File);
        Assert.Equal(1, problem.Hunk);
        Assert.StartsWith("@@ -12,7 +12,7 @@", problem.HunkHeader);
    }

    [Fact]
    public void ASeriesIsCheckedInOrderSoLaterPatchesSeeEarlierOnes()
    {
        using var fixture = new FixtureRepo();
        using var repo = new Repository(fixture.Path);
        var diffs = fixture.PatchFiles.Select(fixture.MailDiff).ToList();
        // Patch 2 of a series that edits the same file twice only applies after patch 1.
        fixture.Git("checkout", "-q", "topic");
        fixture.Edit("drivers/hwmon/sensor.c", s => s.Replace("read(10) + 1", "read(10) + 2"));
        fixture.Commit("hwmon: (sensor) Adjust again");
        fixture.Git("format-patch", "-q", "--pretty=mboxrd", "-1", "-o", fixture.F("again"));
        var second = fixture.MailDiff(Directory.GetFiles(fixture.F("again")).Single());

        var alone = ApplyCheck.Check(repo, repo.Lookup<Commit>(fixture.Base), second);
        var inSeries = ApplyCheck.CheckSeries(repo, repo.Lookup<Commit>(fixture.Base), [diffs[0], second]);
        Assert.Equal(ApplyStatus.Conflicts, alone.Status);
        Assert.Equal([ApplyStatus.Applies, ApplyStatus.Applies], inSeries.Select(r => r.Status));
    }

    static string Verdict(ApplyStatus status) => status switch
    {
        ApplyStatus.Applies => "APPLIES",
        ApplyStatus.AlreadyPresent => "ALREADY_PRESENT",
        _ => "CONFLICTS",
    };
}
