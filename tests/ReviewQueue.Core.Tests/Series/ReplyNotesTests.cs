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

    [Theory]
    [InlineData("> Applied.\n\nThis is not what I meant.\n")]
    [InlineData("This patch applied to the other ids as well.\n")]
    [InlineData("applied to the fan_input attribute as well.\n")]
    public void QuotedOrProseApplyIsNotAnAppliedNote(string body) => Assert.Null(Applied(body));

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
