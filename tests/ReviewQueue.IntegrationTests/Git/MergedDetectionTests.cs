using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Import;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;
using ReviewQueue.Trees;

namespace ReviewQueue.IntegrationTests.Git;

/// <summary>
/// The developer's series (7 patches, format-patch --pretty=mboxrd) is imported; the maintainer
/// applies it to for-next with git am and pushes to a bare repository that ReviewQueue fetches
/// over file://.
/// <code>
///   base ─ P1 ─ P2 ─ P3 ─ P4 ─ P5   (git am: same patch-id)
///                               └─ P6' (amended on apply: same author and title)
///                                   └─ P7' (other diff, other title, Link: to the posting)
/// </code>
/// </summary>
public sealed class MergedDetectionTests(ITestOutputHelper output) : IDisposable
{
    readonly FixtureRepo developer = new();
    readonly TempDir work = new("rq-merge");

    string Maintainer => work.File("maintainer");
    string Bare => work.File("upstream.git");

    IReadOnlyList<string> MessageIds => developer.PatchFiles
        .Select(f => File.ReadLines(f).First(l => l.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))[11..].Trim().Trim('<', '>'))
        .ToList();

    [Fact]
    public async Task SeriesAppliedWithGitAmIsDetectedMergedByPatchIdAmendedByAuthorAndTitleAndLinkOnlyByLink()
    {
        var ct = TestContext.Current.CancellationToken;
        PrepareMaintainerTree();
        using var host = TreeHost.Build(work.File("ledger.db"),
            TreeHost.Tree("hwmon", work.File("mirror"), new Uri(Bare).AbsoluteUri, "for-next"));
        await ImportSeriesAsync(host, ct);

        var report = await host.Services.GetRequiredService<TreeSync>().SyncAsync(null, ct);
        var branch = Assert.Single(report.Branches);
        Assert.True(branch.Problem is null, branch.Problem);
        Assert.Equal(8, branch.NewCommits); // base + 7
        Assert.Equal(7, report.NewPatchKeys);

        var merges = await host.Services.GetRequiredService<TreeStore>().MergesAsync(null, ct);
        var evidence = MessageIds.Select(id => merges.Where(m => m.MessageId == id).Select(m => m.Evidence).SingleOrDefault()).ToList();
        output.WriteLine(string.Join(", ", evidence));
        Assert.Equal(["patch-id", "patch-id", "patch-id", "patch-id", "patch-id", "author-title", "link"], evidence);
        Assert.All(merges, m => Assert.Equal(("hwmon", "for-next"), (m.Tree, m.Branch)));

        // Nothing new: the second sync walks nothing and records nothing.
        var again = await host.Services.GetRequiredService<TreeSync>().SyncAsync(null, ct);
        Assert.Equal(0, again.Branches.Single().NewCommits);
        Assert.Equal(0, again.NewMerges);
    }

    [Fact]
    public async Task SecondBranchWithTheSameCommitsReusesTheirIndexAndIsMatchedWithTheSameEvidence()
    {
        var ct = TestContext.Current.CancellationToken;
        PrepareMaintainerTree();
        Git("push", "-q", Bare, "for-next:stable");
        using var host = TreeHost.Build(work.File("ledger.db"),
            TreeHost.Tree("hwmon", work.File("mirror"), new Uri(Bare).AbsoluteUri, "for-next", "stable"));
        await ImportSeriesAsync(host, ct);

        var report = await host.Services.GetRequiredService<TreeSync>().SyncAsync(null, ct);
        Assert.Equal([8, 8], report.Branches.Select(b => b.NewCommits));
        var merges = await host.Services.GetRequiredService<TreeStore>().MergesAsync(null, ct);
        foreach (var branch in new[] { "for-next", "stable" })
        {
            // stable's commits come from what for-next stored (patch-ids, titles, Link: ids), not from new diffs.
            var evidence = MessageIds.Select(id => merges.Where(m => m.MessageId == id && m.Branch == branch).Select(m => m.Evidence).SingleOrDefault());
            Assert.Equal(["patch-id", "patch-id", "patch-id", "patch-id", "patch-id", "author-title", "link"], evidence);
        }
    }

    [Fact]
    public async Task ForcePushIsWalkedFromTheMergeBaseAndKeepsEarlierMerges()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = await SyncedOnceAsync(ct);
        var sync = host.Services.GetRequiredService<TreeSync>();

        // The maintainer drops the last two commits, fixes something and force-pushes.
        Run.Git(Maintainer, "reset", "-q", "--hard", "HEAD~2");
        File.AppendAllText(Path.Combine(Maintainer, "noeol.txt"), "\nfixed\n");
        Run.Git(Maintainer, "commit", "-q", "-am", "noeol: Fix by the maintainer");
        Run.Git(Maintainer, "push", "-q", "--force", Bare, "for-next");

        var report = await sync.SyncAsync(null, ct);
        var branch = report.Branches.Single();
        Assert.True(branch.Rewritten);
        Assert.Equal(1, branch.NewCommits); // only the new commit, not history from the root
        var merges = await host.Services.GetRequiredService<TreeStore>().MergesAsync(null, ct);
        Assert.Equal(7, merges.Select(m => m.MessageId).Distinct().Count());
        var state = await host.Services.GetRequiredService<TreeStore>().BranchAsync("hwmon", "for-next", ct);
        Assert.Equal(Run.Git(Maintainer, "rev-parse", "HEAD").Stdout.Trim(), state!.Head);
    }

    /// <summary>
    /// The maintainer drops P5–P7 from for-next (a problem found in linux-next) and force-pushes; the developer posts
    /// P5 again unchanged (RESEND) and P6 as v2. The dropped commits are no longer in the branch: the new postings wait
    /// for review, not merged by the commits of the ones before them. What was merged before the drop stays.
    /// </summary>
    [Fact]
    public async Task APatchPostedAgainAfterItsCommitWasDroppedFromTheBranchIsNotMergedByTheDroppedCommit()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = await SyncedOnceAsync(ct);
        var sync = host.Services.GetRequiredService<TreeSync>();
        Git("reset", "-q", "--hard", "HEAD~3");
        Git("push", "-q", "--force", Bare, "for-next");
        Assert.True((await sync.SyncAsync(null, ct)).Branches.Single().Rewritten);

        var later = DateTimeOffset.UtcNow.AddMinutes(5).ToString("ddd, dd MMM yyyy HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture);
        var again = work.File("again.mbox");
        File.WriteAllText(again, string.Concat(new[] { (4, "[PATCH RESEND 5/7]"), (5, "[PATCH v2 6/7]") }.Select(p =>
            System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(developer.PatchFiles[p.Item1]), "^Date: .*$", "Date: " + later,
                    System.Text.RegularExpressions.RegexOptions.Multiline)
                .Replace($"Subject: [PATCH {p.Item1 + 1}/7]", "Subject: " + p.Item2)
                .Replace("Message-ID: <", "Message-ID: <again-", StringComparison.OrdinalIgnoreCase))));
        Assert.Equal(2, (await host.Services.GetRequiredService<ImportRunner>().RunAsync([again], null, false, null, ct)).New);
        await sync.SyncAsync(null, ct);

        var store = host.Services.GetRequiredService<TreeStore>();
        var merges = await store.MergesAsync(null, ct);
        Assert.Empty(merges.Where(m => m.MessageId.StartsWith("again-", StringComparison.Ordinal)).Select(m => $"{m.MessageId} {m.Evidence}"));
        Assert.Equal(7, merges.Select(m => m.MessageId).Distinct().Count());

        // The maintainer undoes the drop: P5's commit is in the branch again, and so is the RESEND, its same diff. (P6's
        // commit stays the first posting's: author and title place a patch only on a commit nothing else claimed.)
        Git("reset", "-q", "--hard", "HEAD@{1}");
        Git("push", "-q", "--force", Bare, "for-next");
        await sync.SyncAsync(null, ct);
        merges = await store.MergesAsync(null, ct);
        Assert.Equal([$"again-{MessageIds[4]} patch-id"],
            merges.Where(m => m.MessageId.StartsWith("again-", StringComparison.Ordinal)).Select(m => $"{m.MessageId} {m.Evidence}"));
    }

    /// <summary>
    /// A rebase gives the same patches new commits, which are merges of their own (earlier ones are
    /// kept); `trees` counts merged patches, so each patch is counted once per branch, by the merge
    /// that accepted it.
    /// </summary>
    [Fact]
    public async Task MergedPatchesAreCountedOnceEachAfterARebaseGaveThemNewCommits()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = await SyncedOnceAsync(ct);
        var sync = host.Services.GetRequiredService<TreeSync>();

        // The maintainer slips a fix in under the last two commits and force-pushes.
        var last = Git("rev-parse", "HEAD~1", "HEAD").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Git("reset", "-q", "--hard", "HEAD~2");
        File.WriteAllText(Path.Combine(Maintainer, "fix.txt"), "fixed\n");
        Git("add", "fix.txt");
        Git("commit", "-q", "-m", "fix: Add what was missing");
        Git("cherry-pick", last[0], last[1]);
        Git("push", "-q", "--force", Bare, "for-next");
        await sync.SyncAsync(null, ct);

        var store = host.Services.GetRequiredService<TreeStore>();
        var merges = await store.MergesAsync(null, ct);
        Assert.Equal(8, merges.Count); // P7 twice, by its Link: on the old commit and on the new
        Assert.Equal(2, merges.Count(m => m.MessageId == MessageIds[6]));
        var counts = (await store.MergeCountsAsync(ct)).ToDictionary(c => c.Evidence, c => c.Count);
        Assert.Equal(new Dictionary<string, long> { ["author-title"] = 1, ["link"] = 1, ["patch-id"] = 5 }, counts);
    }

    /// <summary>A sync that finds the branch as it was still synced it: `trees` says when it last looked.</summary>
    [Fact]
    public async Task ASyncThatFindsNothingNewStillRecordsWhenTheBranchWasSynced()
    {
        var ct = TestContext.Current.CancellationToken;
        PrepareMaintainerTree();
        var clock = new Clock(new DateTimeOffset(2026, 11, 28, 5, 0, 0, TimeSpan.Zero));
        using var host = TreeHost.Build(work.File("ledger.db"),
            TreeHost.Tree("hwmon", work.File("mirror"), new Uri(Bare).AbsoluteUri, "for-next"), time: clock);
        var sync = host.Services.GetRequiredService<TreeSync>();
        await sync.SyncAsync(null, ct);
        clock.Now = clock.Now.AddMinutes(5);
        await sync.SyncAsync(null, ct);

        var state = await host.Services.GetRequiredService<TreeStore>().BranchAsync("hwmon", "for-next", ct);
        Assert.Equal("2026-11-28T05:05:00+00:00", state!.Synced);
        Assert.Equal(8, state.Commits);
    }

    sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>
    /// A stable backport ("[PATCH AUTOSEL 6.6 …]", "[PATCH 6.1 …]") is a copy of a commit already in
    /// mainline, so its patch-id is always found there: that says nothing of the stable tree. By patch-id
    /// it is merged only on a branch that names its stable tree (linux-6.6.y); the original posting
    /// anywhere; a commit whose Link: names the backport's own message, wherever it is.
    /// </summary>
    [Fact]
    public async Task AStableBackportIsMergedOnlyOnTheBranchOfItsStableTree()
    {
        var ct = TestContext.Current.CancellationToken;
        PrepareMaintainerTree(upTo: 2);
        var second = Git("log", "-1", "--format=%B").Stdout.TrimEnd();
        Git("commit", "-q", "--amend", "-m", $"{second}\nLink: https://patch.msgid.link/autosel-6.6-{MessageIds[1]}");
        Git("push", "-q", "-f", Bare, "for-next");
        Git("push", "-q", Bare, "for-next:linux-6.6.y");
        Git("push", "-q", Bare, "for-next:linux-6.1.y");
        using var host = TreeHost.Build(work.File("ledger.db"),
            TreeHost.Tree("stable", work.File("mirror"), new Uri(Bare).AbsoluteUri, "for-next", "linux-6.6.y", "linux-6.1.y"));
        await ImportSeriesAsync(host, ct);
        var backport = work.File("backport.mbox");
        File.WriteAllText(backport, string.Concat(developer.PatchFiles.Take(2).Select((f, i) => File.ReadAllText(f)
            .Replace($"Subject: [PATCH {i + 1}/7] ", $"Subject: [PATCH AUTOSEL 6.6 {i + 1}/7] ")
            .Replace("Message-ID: <", "Message-ID: <autosel-6.6-", StringComparison.OrdinalIgnoreCase))));
        Assert.Equal(2, (await host.Services.GetRequiredService<ImportRunner>().RunAsync([backport], null, false, null, ct)).New);

        await host.Services.GetRequiredService<TreeSync>().SyncAsync(null, ct);
        var merges = await host.Services.GetRequiredService<TreeStore>().MergesAsync(null, ct);
        Assert.Equal(["for-next", "linux-6.1.y", "linux-6.6.y"],
            merges.Where(m => m.MessageId == MessageIds[0]).Select(m => m.Branch).Order(StringComparer.Ordinal));
        Assert.Equal(["linux-6.6.y"], merges.Where(m => m.MessageId == "autosel-6.6-" + MessageIds[0]).Select(m => m.Branch));
        Assert.Equal(["for-next link", "linux-6.1.y link", "linux-6.6.y link"], merges.Where(m => m.MessageId == "autosel-6.6-" + MessageIds[1])
            .Select(m => $"{m.Branch} {m.Evidence}").Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// events.at is when a fact happened (the commit's time), recorded when the ledger learnt it: a patch the
    /// maintainer committed on 1 February is accepted on 1 February, however much later the first sync finds it,
    /// so backlog --as-of a day in between no longer counts it waiting.
    /// </summary>
    [Fact]
    public async Task AMergeIsAcceptedAtTheCommitsTimeNotAtTheSyncThatFoundIt()
    {
        var ct = TestContext.Current.CancellationToken;
        PrepareMaintainerTree(upTo: 1);
        Run.Program("git", ["commit", "-q", "--amend", "--no-edit"], Maintainer, env: new Dictionary<string, string>
        {
            ["GIT_COMMITTER_NAME"] = "Mia Maintainer",
            ["GIT_COMMITTER_EMAIL"] = "mia@example.org",
            ["GIT_COMMITTER_DATE"] = "2024-02-01T10:00:00+00:00",
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["HOME"] = Maintainer,
        });
        Git("push", "-q", "-f", Bare, "for-next");
        using var host = TreeHost.Build(work.File("ledger.db"),
            TreeHost.Tree("hwmon", work.File("mirror"), new Uri(Bare).AbsoluteUri, "for-next"));
        var posted = work.File("posted.mbox");
        File.WriteAllText(posted, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(developer.PatchFiles[0]),
            "^Date: .*$", "Date: Mon, 15 Jan 2024 09:00:00 +0000", System.Text.RegularExpressions.RegexOptions.Multiline));
        Assert.Equal(1, (await host.Services.GetRequiredService<ImportRunner>().RunAsync([posted], null, false, null, ct)).New);

        await host.Services.GetRequiredService<TreeSync>().SyncAsync(null, ct);

        var topic = ReviewQueue.Series.TopicView.Read((await host.Services.GetRequiredService<TopicStore>().FindAsync(MessageIds[0], ct))!);
        var accepted = topic.Revisions[^1].Patches[0].Accepted;
        Assert.NotNull(accepted);
        Assert.Equal(("merged", new DateTimeOffset(2024, 2, 1, 10, 0, 0, TimeSpan.Zero)), (accepted.How, accepted.Date));
    }

    [Fact]
    public async Task CheckReportsAlreadyPresentAppliesAndTheBase()
    {
        var ct = TestContext.Current.CancellationToken;
        PrepareMaintainerTree(upTo: 3);
        using var host = TreeHost.Build(work.File("ledger.db"),
            TreeHost.Tree("hwmon", work.File("mirror"), new Uri(Bare).AbsoluteUri, "for-next"));
        await ImportSeriesAsync(host, ct);
        await host.Services.GetRequiredService<TreeSync>().SyncAsync(null, ct);
        var check = host.Services.GetRequiredService<PatchCheck>();

        var first = await check.CheckAsync(MessageIds[0], null, ct);
        Assert.Equal("already-present", first.Branches.Single().Status);
        Assert.Equal("patch-id", first.Merges.Single().Evidence);
        var fourth = await check.CheckAsync("<" + MessageIds[3] + ">", "hwmon", ct);
        Assert.Equal("applies", fourth.Branches.Single().Status);
        Assert.Empty(fourth.Merges);
        // P4's pre-image blob is unchanged up to the head; P1's changed right after the base.
        Assert.Equal((Run.Git(Maintainer, "rev-parse", "HEAD").Stdout.Trim(), "blobs"), (fourth.Bases.Single().Sha, fourth.Bases.Single().How));
        Assert.Equal((developer.Base, "blobs"), (first.Bases.Single().Sha, first.Bases.Single().How));
    }

    /// <summary>The maintainer's tree, the series imported and for-next synced once: where the force-push cases begin.</summary>
    async Task<Microsoft.Extensions.Hosting.IHost> SyncedOnceAsync(CancellationToken ct)
    {
        PrepareMaintainerTree();
        var host = TreeHost.Build(work.File("ledger.db"),
            TreeHost.Tree("hwmon", work.File("mirror"), new Uri(Bare).AbsoluteUri, "for-next"));
        await ImportSeriesAsync(host, ct);
        await host.Services.GetRequiredService<TreeSync>().SyncAsync(null, ct);
        return host;
    }

    async Task ImportSeriesAsync(Microsoft.Extensions.Hosting.IHost host, CancellationToken ct)
    {
        var mbox = work.File("series.mbox");
        File.WriteAllBytes(mbox, developer.PatchFiles.SelectMany(File.ReadAllBytes).ToArray());
        var summary = await host.Services.GetRequiredService<ImportRunner>().RunAsync([mbox], null, false, null, ct);
        Assert.Equal(7, summary.New);
    }

    /// <summary>The maintainer's for-next: the series applied with git am (upTo patches), pushed to a bare repository.</summary>
    void PrepareMaintainerTree(int upTo = 7)
    {
        Run.Program("git", ["clone", "-q", "--bare", developer.Path, Bare]);
        Run.Program("git", ["clone", "-q", Bare, Maintainer]);
        Git("checkout", "-q", "-b", "for-next", developer.Base);
        for (int i = 0; i < Math.Min(upTo, 5); i++)
            Git("am", "-q", developer.PatchFiles[i]);
        if (upTo >= 6)
        {
            Git("am", "-q", developer.PatchFiles[5]);
            File.WriteAllText(Path.Combine(Maintainer, "noeol.txt"), "first\nsecond (amended)\nlast without newline");
            Git("commit", "-q", "-a", "--amend", "--no-edit");
        }
        if (upTo >= 7)
        {
            Git("am", "-q", developer.PatchFiles[6]);
            File.WriteAllText(Path.Combine(Maintainer, "new/dir/moved.c"), "rewritten by the maintainer\n");
            Git("commit", "-q", "-a", "--amend", "-m",
                $"move: Relocate and rewrite moved.c\n\nLink: https://patch.msgid.link/{MessageIds[6]}\nSigned-off-by: Ada Author <ada@example.org>");
        }
        Git("push", "-q", Bare, "for-next");
    }

    RunResult Git(params string[] args) => Run.Git(Maintainer, args);

    public void Dispose()
    {
        developer.Dispose();
        work.Dispose();
    }
}
