using ReviewQueue.Core.Series;

namespace ReviewQueue.Core.Tests.Series;

public sealed class ReplyNotesTests
{
    [Fact]
    public void B4ThankYouListGivesEachPatchItsCommit()
    {
        const string body = """
            On Mon, 05 Jan 2026 10:00:00 +0000, Ada Author wrote:
            > This series adds the demo chip.

            Applied to

               https://git.kernel.org/pub/scm/linux/kernel/git/groeck/linux-staging.git hwmon-next

            Thanks!

            [1/2] hwmon: (demo) one
                  commit: 0123456789abcdef0123456789abcdef01234567
            [2/2] hwmon: (demo) two
                  commit: 89abcdef0123

            Best regards,
            --
            Mia Maintainer <mia@example.org>
            """;
        var note = Applied(body)!;
        Assert.Equal("hwmon-next", note.Tree);
        Assert.Equal([1, 2], note.Items.Select(i => i.Index!.Value));
        Assert.Equal("89abcdef0123", note.Items[1].Commit);
    }

    [Fact]
    public void B4ThankYouItemsWithoutCommitInfoAreStillApplied()
    {
        const string body = """
            On Mon, 05 Jan 2026 10:00:00 +0000, Ada Author wrote:
            > This series adds the demo chip.
            >
            > [...]

            Applied to

               local tree hwmon/for-next

            Thanks!

            [1/3] hwmon: (demo) one
                  (no commit info)
            [3/3] hwmon: (demo) three
                  (no commit info)

            --
            Mia Maintainer <mia@example.org>
            """;
        var note = Applied(body)!;
        Assert.Equal([1, 3], note.Items.Select(i => i.Index!.Value));
        Assert.All(note.Items, i => Assert.Null(i.Commit));
        Assert.Equal("hwmon: (demo) three", note.Items[1].Title);
    }

    [Fact]
    public void B4ThankYouListKeepsCommitsLinksAndMissingCommitsApart()
    {
        const string body = """
            Applied to arm64 (for-next/demo), thanks!

            [1/4] hwmon: (demo) one
                  commit: 0123456789abcdef0123456789abcdef01234567
            [2/4] hwmon: (demo) two
                  (no commit info)
            [3/4] hwmon: (demo) three
                  https://git.kernel.org/arm64/c/a6aab0188299
            [4/4] hwmon: (demo) four
                  commit: https://git.kernel.org/pub/scm/linux/kernel/git/demo/linux.git/commit/?id=89ABCDEF0123

            Cheers,
            --
            Mia
            """;
        var note = Applied(body)!;
        Assert.Equal([1, 2, 3, 4], note.Items.Select(i => i.Index!.Value));
        Assert.Equal(["0123456789abcdef0123456789abcdef01234567", null, "a6aab0188299", "89abcdef0123"], note.Items.Select(i => i.Commit));
    }

    [Fact]
    public void AnItemListWithoutTheAppliedWordsIsNoAppliedNote()
    {
        const string body = """
            Yep, looks like b4 didn't like that one:

            [2/2] hwmon: (demo) two
                  (no commit info)

            I'll try again.
            """;
        Assert.Null(Applied(body));
    }

    [Theory]
    [InlineData("Applied.", null)]
    [InlineData("Applied, thanks!", null)]
    [InlineData("Applied to hwmon-next.", "hwmon-next")]
    [InlineData("Thanks, applied.", null)]
    [InlineData("Applied to sg2042/for-next, thanks!", "sg2042/for-next")]
    public void PlainAppliedLinesAreRecognised(string line, string? tree)
    {
        var note = Applied($"On Monday Ada wrote:\n> patch\n\n{line}\n\nGuenter\n");
        Assert.NotNull(note);
        Assert.Equal(tree, note.Tree);
        Assert.Empty(note.Items);
    }

    /// <summary>Maintainers' own words (hwmon's and platform-drivers-x86's half year): the note is not the line's first words.</summary>
    [Theory]
    [InlineData("Thanks a lot for the patch. Applied.", null)]
    [InlineData("Never mind, good catch. Applied.", null)]
    [InlineData("Never mind, applied after fixing the above.", null)]
    [InlineData("No concerns, so applied (as 6.13 material, with minor edits in the subject).", null)]
    [InlineData("Thanks, I've applied this to be picked up through the BMC tree.", null)]
    [InlineData("I already applied this patch, so there is no need to re-send it.", null)]
    [InlineData("Looks good to me. Applied to hwmon-next.", "hwmon-next")]
    [InlineData("Thank you for your patch-series, I've applied the series to my\nreview-hans branch:", "review-hans")]
    public void AnAppliedNoteAfterOtherWordsIsRecognised(string line, string? tree)
    {
        var note = Applied($"On Monday Ada wrote:\n> patch\n\n{line}\n\nGuenter\n");
        Assert.NotNull(note);
        Assert.Equal(tree, note.Tree);
    }

    /// <summary>The same words in other sentences (all from the same half year) say nothing was applied.</summary>
    [Theory]
    [InlineData("Yes, I had fixed that later but accidentally applied the fix to later patch.\n")]
    [InlineData("could you please tell me where you applied them? I rebased onto\n")]
    [InlineData("Also, your patch is not signed and therefore can not be applied.\n")]
    [InlineData("As you can see, I have _not_ applied these two DTS patches.\n")]
    [InlineData("I applied the first two patches of the series, but I am holding back this\n")]
    [InlineData("You already applied this change to the CAN driver after I made a\n")]
    [InlineData("When testing, I applied this patchset based on the latest sophgo/for-next.\n")]
    [InlineData("This series isn't bisectible. With only the first two patches applied I\n")]
    [InlineData("the same fix, applied to the other drivers, would help.\n")]
    [InlineData("Thanks for the review, I've applied this in v2.\n")]
    [InlineData("Thanks for the review. I've applied this to v3 as well.\n")]
    [InlineData("OK. Applied, builds and boots fine on my board.\n")]
    [InlineData("had not been\napplied to -next, but\n")]
    [InlineData("I applied this patch, but it still crashes.\n")]
    [InlineData("I've applied this patch, and the issue is resolved.\n")]
    [InlineData("Tested this. I have applied this patch, the warning is gone.\n")]
    [InlineData("Tested on my board. Applied, no issues seen.\n")]
    [InlineData("Built and booted on arm64. Applied, no regressions.\n")]
    [InlineData("Ran it on my laptop. All applied, sensors show sane values.\n")]
    [InlineData("I've applied this to the next revision.\n")]
    [InlineData("I've applied this to my v3.\n")]
    [InlineData("I applied this patch to my test kernel.\n")]
    [InlineData("All fine except patch 2, which needs a comment.\n")]
    [InlineData("The series looks good to me without patch 4.\n")]
    public void OtherSentencesWithTheWordAreNoAppliedNote(string body) => Assert.Null(Applied(body));

    /// <summary>A long line is prose or a pasted log: no note is looked for after its first words (and the look stays cheap).</summary>
    [Fact]
    public void ALongLineIsNoNoteInPassing()
    {
        Assert.Null(Applied("Never mind," + new string(' ', 20_000) + "applied.\n"));
        Assert.Null(Applied(string.Concat(Enumerable.Repeat("a. ", 30_000)) + "Applied.\n"));
        Assert.NotNull(Applied("Applied." + new string(' ', 20_000) + "\n")); // a note that opens its line is read as always
    }

    [Fact]
    public void ANoteInPassingIsMarkedSoAndOneThatOpensItsLineIsNot()
    {
        Assert.True(Applied("Never mind, good catch. Applied.\n")!.InPassing);
        Assert.False(Applied("Applied to hwmon-next, thanks.\n")!.InPassing);
    }

    [Theory]
    [InlineData("> Applied.\n\nThis is not what I meant.\n")]
    [InlineData("This patch applied to the other ids as well.\n")]
    [InlineData("applied to the fan_input attribute as well.\n")]
    public void QuotedOrProseApplyIsNotAnAppliedNote(string body) => Assert.Null(Applied(body));

    /// <summary>A tester applies a series to try it, and says so with the same word: that is no acceptance.</summary>
    [Theory]
    [InlineData("Applied, builds and boots fine on my board.\n\nTested-by: Tim Tester <tim@example.org>\n")]
    [InlineData("Applied to v6.11-rc3 and tested, works.\n")]
    [InlineData("Applied on top of 6.12 and it builds.\n")]
    [InlineData("Patch applied fails on hwmon-next, please rebase.\n")]
    [InlineData("Applied, but it does not build here:\n")]
    [InlineData("Applied locally, compiles cleanly.\n")]
    public void ATestersOrAFailedApplyIsNotAnAppliedNote(string body) => Assert.Null(Applied(body));

    [Theory]
    [InlineData("Series applied to hwmon-next, thanks.", "hwmon-next")]
    [InlineData("Applied the series to hwmon-next.", "hwmon-next")]
    [InlineData("All applied.", null)]
    [InlineData("Both applied, thanks!", null)]
    [InlineData("Applied all 3 to hwmon-next.", "hwmon-next")]
    [InlineData("Thanks, applied the whole series.", null)]
    public void AppliedLinesThatSayTheSeriesAreSeriesNotes(string line, string? tree)
    {
        var note = Applied($"On Monday Ada wrote:\n> patch\n\n{line}\n\nGuenter\n");
        Assert.NotNull(note);
        Assert.True(note.WholeSeries);
        Assert.Equal(tree, note.Tree);
    }

    [Theory]
    [InlineData("Applied.")]
    [InlineData("Applied to hwmon-next, thanks.")]
    [InlineData("Thanks, applied.")]
    public void APlainAppliedIsNoSeriesNote(string line) =>
        Assert.False(Applied($"On Monday Ada wrote:\n> patch\n\n{line}\n\nGuenter\n")!.WholeSeries);

    [Theory]
    [InlineData("Applied patch 1 to hwmon-next.", "1", "hwmon-next")]
    [InlineData("Applied patches 1 and 2, thanks.", "1,2", null)]
    [InlineData("Applied 1-3 to hwmon-next.", "1,2,3", "hwmon-next")]
    [InlineData("Patches 1-2 applied.", "1,2", null)]
    [InlineData("Patch 2 applied to hwmon-next, thanks.", "2", "hwmon-next")]
    [InlineData("Applied patches 1-3 and 5, dropped 4.", "1,2,3,5", null)]
    [InlineData("Applied 1-2, patch 3 needs work.", "1,2", null)]
    [InlineData("Applied 1/3 and 3/3 to hwmon-next.", "1,3", "hwmon-next")]
    [InlineData("Applied 1 and 2, 3 needs work.", "1,2", null)]
    [InlineData("Thanks, applied patches 2-3 to hwmon-next.", "2,3", "hwmon-next")]
    public void AnAppliedLineThatNamesPatchNumbersNamesThoseOnly(string line, string only, string? tree)
    {
        var note = Applied($"On Monday Ada wrote:\n> patch\n\n{line}\n\nGuenter\n");
        Assert.NotNull(note);
        Assert.Equal(only.Split(',').Select(int.Parse), note.Only!);
        Assert.Null(note.Except);
        Assert.Equal(tree, note.Tree);
        Assert.Empty(note.Items);
    }

    [Theory]
    [InlineData("Applied all but patch 3.", "3", null)]
    [InlineData("Applied, except for patch 2 which conflicts.", "2", null)]
    [InlineData("Applied to hwmon-next, except patches 2 and 4.", "2,4", "hwmon-next")]
    [InlineData("Applied the series but not 2, thanks.", "2", null)]
    [InlineData("Applied, dropped 4.", "4", null)]
    public void AnAppliedLineThatExcludesPatchNumbersNamesThoseExcepted(string line, string except, string? tree)
    {
        var note = Applied($"On Monday Ada wrote:\n> patch\n\n{line}\n\nGuenter\n");
        Assert.NotNull(note);
        Assert.Equal(except.Split(',').Select(int.Parse), note.Except!);
        Assert.Null(note.Only);
        Assert.Equal(tree, note.Tree);
    }

    /// <summary>Versions, release candidates and dates are no patch numbers.</summary>
    [Theory]
    [InlineData("Applied to hwmon-next for v6.12, thanks.")]
    [InlineData("Applied to fixes for 6.12-rc3.")]
    [InlineData("Applied to hwmon-next for 6.13, thanks.")]
    [InlineData("Applied, dropped 2 unused variables while at it.")]
    [InlineData("Applied to hwmon-next on 2024-10-05.")]
    [InlineData("Applied to hwmon-next. I'll send it in 2 weeks.")]
    [InlineData("Applied, thanks. Patch 2 of v1 had a typo.")]
    public void AnAppliedLineWithoutPatchNumbersNamesNone(string line)
    {
        var note = Applied($"On Monday Ada wrote:\n> patch\n\n{line}\n\nGuenter\n");
        Assert.NotNull(note);
        Assert.Null(note.Only);
        Assert.Null(note.Except);
    }

    [Fact]
    public void PatchworkBotsSeriesNoticeNamesTheTreeAndEachPatchWithItsCommit()
    {
        const string body = """
            Hello:

            This series was applied to netdev/net-next.git (main)
            by Jakub Kicinski <kuba@kernel.org>:

            On Mon, 5 Jan 2026 10:00:00 +0000 you wrote:
            > This series adds the demo chip.
            >
            > [...]

            Here is the summary with links:
              - [net-next,v2,1/2] net: demo: one
                https://git.kernel.org/netdev/net-next/c/1ffcc8d41306
              - [net-next,v2,2/2] net: demo: two
                https://git.kernel.org/netdev/net-next/c/a6aab0188299

            You are awesome, thank you!
            -- 
            Deet-doot-dot, I am a bot.
            https://korg.docs.kernel.org/patchwork/pwbot.html
            """;
        var note = Applied(body)!;
        Assert.Equal("netdev/net-next.git", note.Tree);
        Assert.Equal([1, 2], note.Items.Select(i => i.Index!.Value));
        Assert.Equal([2, 2], note.Items.Select(i => i.Total!.Value));
        Assert.Equal(["net: demo: one", "net: demo: two"], note.Items.Select(i => i.Title));
        Assert.Equal(["1ffcc8d41306", "a6aab0188299"], note.Items.Select(i => i.Commit));
    }

    [Fact]
    public void PatchworkBotsPatchNoticeWithoutCounterKeepsTheTitle()
    {
        const string body = """
            Hello:

            This patch was applied to bpf/bpf-next.git (master)
            by Alexei Starovoitov <ast@kernel.org>:

            Here is the summary with links:
              - [bpf-next] bpf: demo: fix it
                https://git.kernel.org/bpf/bpf-next/c/0123456789ab

            You are awesome, thank you!
            """;
        var note = Applied(body)!;
        Assert.Equal("bpf/bpf-next.git", note.Tree);
        var item = Assert.Single(note.Items);
        Assert.Null(item.Index);
        Assert.Equal("bpf: demo: fix it", item.Title);
        Assert.Equal("0123456789ab", item.Commit);
    }

    [Fact]
    public void NakOnItsOwnLineIsANakButNotWhenQuoted()
    {
        static bool Word(string line) => line.Trim().TrimEnd('.') is "NAK" or "NACK";
        Assert.True(ReplyNotes.Read("On x wrote:\n> patch\n\nNAK.\n\nThis breaks the ABI.\n", Word).Nak);
        Assert.False(ReplyNotes.Read("> NAK\n\nWhy the nak?\n", Word).Nak);
    }

    [Fact]
    public void TheAuthorsPleaseDropIsAWithdrawal()
    {
        Assert.True(ReplyNotes.Read("Please drop this series, v2 is coming.\n", NoObjection).Withdraws);
        Assert.False(ReplyNotes.Read("> Please drop this series\n\nNo, keep it.\n", NoObjection).Withdraws);
    }

    static bool NoObjection(string line) => false;

    static AppliedNote? Applied(string body) => ReplyNotes.Read(body, NoObjection).Applied;
}
