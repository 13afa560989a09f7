using System.Text;
using System.Text.Json;
using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using ReviewQueue.TestSupport;
using static ReviewQueue.Core.Tests.Series.ThreadBuilder;

namespace ReviewQueue.Core.Tests.Series;

/// <summary>
/// Where "Applied" arrives besides the patch and its cover letter: b4 ty's list on patch 1 of a series
/// sent without a cover letter, and patchwork-bot's notices (the only applied mail on netdev and bpf),
/// read as whole mails with the bots and objection words the shipped seeds give.
/// </summary>
public sealed class AppliedNoticesTests
{
    static readonly string[] Titles = ["net: demo: one", "net: demo: two"];
    const string PwBot = "patchwork-bot+netdevbpf@kernel.org";

    [Fact]
    public void AThankYouListOnPatchOneOfACoverlessSeriesAcceptsEveryListedPatchWithItsCommit()
    {
        var r = Build(cover: false, Reply("ty", "p1", "Mia Maintainer <mia@example.org>", $"""
            On Mon, 05 Jan 2026 10:00:00 +0000, Ada Author wrote:
            > Change number 1 of the demo driver.

            Applied to

               https://git.kernel.org/pub/scm/linux/kernel/git/broonie/regulator.git for-next

            Thanks!

            [1/2] {Titles[0]}
                  commit: 89abcdef0123456789abcdef0123456789abcdef
            [2/2] {Titles[1]}
                  commit: 0123456789abcdef0123456789abcdef01234567

            Mark
            """));
        Assert.Equal("89abcdef0123456789abcdef0123456789abcdef", PatchAt(r, 1).Accepted?.Commit);
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", PatchAt(r, 2).Accepted?.Commit);
        Assert.Equal(ReviewState.Accepted, ReviewStates.Of(r, Policy));
    }

    [Fact]
    public void SeriesAppliedOnPatchOneOfACoverlessSeriesAcceptsTheWholeSeries()
    {
        var r = Build(cover: false, Reply("ty", "p1", "Mia Maintainer <mia@example.org>",
            "On Mon, Ada Author wrote:\n> Change number 1.\n\nSeries applied to net-next, thanks.\n\nMia\n"));
        Assert.Equal("net-next", PatchAt(r, 1).Accepted?.Tree);
        Assert.Equal("net-next", PatchAt(r, 2).Accepted?.Tree);
        Assert.Equal(ReviewState.Accepted, ReviewStates.Of(r, Policy));
    }

    /// <summary>Numbers count by place in the posting, whichever of its patches the note answers.</summary>
    [Theory]
    [InlineData("Applied patch 2 to net-next.")]
    [InlineData("Applied all but patch 1, it needs a rebase.")]
    public void NumbersOnPatchOneOfACoverlessSeriesAcceptThePatchesTheyLeaveIn(string line)
    {
        var r = Build(cover: false, Reply("ty", "p1", "Mia Maintainer <mia@example.org>",
            $"On Mon, Ada Author wrote:\n> Change number 1.\n\n{line}\n\nMia\n"));
        Assert.NotNull(PatchAt(r, 2).Accepted);
        Assert.Null(PatchAt(r, 1).Accepted);
    }

    [Fact]
    public void APlainAppliedOnPatchTwoAcceptsThatPatchOnly()
    {
        var r = Build(cover: false, Reply("ty", "p2", "Mia Maintainer <mia@example.org>",
            "On Mon, Ada Author wrote:\n> Change number 2.\n\nApplied, thanks.\n\nMia\n"));
        Assert.NotNull(PatchAt(r, 2).Accepted);
        Assert.Null(PatchAt(r, 1).Accepted);
    }

    [Fact]
    public void PatchworkBotsSeriesNoticeOnTheCoverAcceptsEachPatchWithItsCommitAndTree()
    {
        var r = Build(cover: true, Bot("pw", "c0", "This series was applied to netdev/net-next.git (main)", $"""
              - [net-next,v2,1/2] {Titles[0]}
                https://git.kernel.org/netdev/net-next/c/1ffcc8d41306
              - [net-next,v2,2/2] {Titles[1]}
                https://git.kernel.org/netdev/net-next/c/a6aab0188299
            """));
        Assert.Equal("1ffcc8d41306", PatchAt(r, 1).Accepted?.Commit);
        Assert.Equal("a6aab0188299", PatchAt(r, 2).Accepted?.Commit);
        Assert.All(r.Patches, p => Assert.Equal("netdev/net-next.git", p.Accepted?.Tree));
        Assert.Equal(ReviewState.Accepted, ReviewStates.Of(r, Policy));
    }

    [Fact]
    public void PatchworkBotsPatchNoticeAcceptsTheSinglePatch()
    {
        var r = Build(cover: false, patches: 1, Bot("pw", "p1", "This patch was applied to netdev/net.git (main)", $"""
              - [net] {Titles[0]}
                https://git.kernel.org/netdev/net/c/0123456789ab
            """));
        var p = Assert.Single(r.Patches);
        Assert.Equal("0123456789ab", p.Accepted?.Commit);
        Assert.Equal("netdev/net.git", p.Accepted?.Tree);
    }

    [Fact]
    public void APatchworkBotMailIsStillNoDiscussion()
    {
        var r = Build(cover: false, Bot("pw", "p2", "This patch was applied to netdev/net-next.git (main)", $"""
              - [net-next,2/2] {Titles[1]}
                https://git.kernel.org/netdev/net-next/c/0123456789ab
            """));
        Assert.Empty(PatchAt(r, 2).Discussion);
        Assert.Equal("0123456789ab", PatchAt(r, 2).Accepted?.Commit);
        Assert.Null(PatchAt(r, 1).Accepted);
    }

    [Fact]
    public void AKernelTestRobotMailThatSaysAppliedAcceptsNothing()
    {
        var r = Build(cover: true, Reply("lkp", "c0", "kernel test robot <lkp@intel.com>", """
            Hi Ada,

            kernel test robot noticed the following build warnings:

            Applied to net-next, thanks.

            [1/2] net: demo: one
                  commit: 0123456789ab

            --
            0-DAY CI Kernel Test Service
            """));
        Assert.All(r.Patches, p => Assert.Null(p.Accepted));
        Assert.All(r.Patches, p => Assert.Empty(p.Discussion));
    }

    static SeriesRevision Build(bool cover, string reply) => Build(cover, 2, reply);

    static SeriesRevision Build(bool cover, int patches, string reply)
    {
        var raws = new List<string>();
        if (cover)
            raws.Add(Cover(patches));
        for (int i = 1; i <= patches; i++)
            raws.Add(Patch(i, patches, cover));
        raws.Add(reply);
        return Single(WrittenMails.Assemble(raws, WrittenMails.SeedRules, WrittenMails.SeedPolicy.IsObjectionLine)).Current;
    }

    static string Headers(string from, string subject, string id, string? replyTo, int minute) =>
        WrittenMails.Headers(from, subject, id, replyTo, minute);

    static string Cover(int total) => Headers("Ada Author <ada@example.org>", $"[PATCH net-next v2 0/{total}] net: demo: add the demo chip", "c0", null, 0) + """
        This series adds the demo chip.

         drivers/net/demo.c | 2 ++
         1 file changed, 2 insertions(+)

        --
        2.47.0
        """;

    static string Patch(int i, int total, bool cover)
    {
        var counter = total == 1 ? "" : $" {i}/{total}";
        var replyTo = cover ? "c0" : i == 1 ? null : "p1";
        return Headers("Ada Author <ada@example.org>", $"[PATCH net-next v2{counter}] {Titles[i - 1]}", $"p{i}", replyTo, i) +
            WrittenMails.OneLinePatch($"Change number {i} of the demo driver.", i, "drivers/net/demo.c");
    }

    static string Reply(string id, string to, string from, string body) =>
        Headers(from, "Re: [PATCH net-next v2] net: demo", id, to, 30) + body + "\n";

    /// <summary>A notice as patchwork-bot writes it: the applied line, the quote, the summary with links.</summary>
    static string Bot(string id, string to, string appliedLine, string summary) =>
        Reply(id, to, PwBot, $"""
            Hello:

            {appliedLine}
            by Jakub Kicinski <kuba@kernel.org>:

            On Mon, 5 Jan 2026 10:00:00 +0000 you wrote:
            > Change number 1 of the demo driver.
            >
            > [...]

            Here is the summary with links:
            {summary}
            You are awesome, thank you!
            -- 
            Deet-doot-dot, I am a bot.
            https://korg.docs.kernel.org/patchwork/pwbot.html
            """);
}
