using System.Text;
using System.Text.Json;
using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Review;
using ReviewQueue.Core.Series;
using ReviewQueue.TestSupport;
using static ReviewQueue.Core.Tests.Series.ThreadBuilder;

namespace ReviewQueue.Core.Tests.Series;

/// <summary>
/// Replies written as whole mails, read by the mail reader and the series factory with the
/// objection words the shipped seeds give: what a maintainer types decides the patch's state.
/// </summary>
public sealed class WrittenRepliesTests
{
    const string Series = "hwmon: (demo) add the demo chip";
    static readonly string[] Titles = ["hwmon: (demo) one", "hwmon: (demo) two", "hwmon: (demo) three", "hwmon: (demo) four", "hwmon: (demo) five"];

    [Theory]
    [InlineData("NAK, this breaks everything.")]
    [InlineData("Nack, because the binding already describes this.")]
    [InlineData("NAK. The device has no such register.")]
    public void ANakWithItsReasonOnTheSameLineObjectsToThePatchItAnswers(string line)
    {
        var r = Build(Reply("r", "p2", $"""
            On Mon, Ada Author wrote:
            > +	return 0;

            {line}

            Mia
            """));
        Assert.Equal(ReviewState.Objected, State(r, 2));
        Assert.NotEqual(ReviewState.Objected, State(r, 1));
        Assert.Equal(ReviewState.Objected, ReviewStates.Of(r, Policy));
    }

    [Theory]
    [InlineData("I would not NAK this, but the name is odd.")]
    [InlineData("NAKs are rare here; this needs a second look.")]
    [InlineData("> NAK, this breaks everything.\n\nI disagree with the above.")]
    public void ProseThatMentionsANakIsDiscussion(string text)
    {
        var r = Build(Reply("r", "p2", $"On Mon, Rob Reviewer wrote:\n{text}\n\nMia\n"));
        Assert.Equal(ReviewState.Discussed, State(r, 2));
    }

    [Fact]
    public void ANackedByTrailerStillObjects()
    {
        var r = Build(Reply("r", "p1", """
            On Mon, Ada Author wrote:
            > +	return 0;

            This is the wrong interface.

            Nacked-by: Mia Maintainer <mia@example.org>
            """));
        Assert.Equal(ReviewState.Objected, State(r, 1));
    }

    [Fact]
    public void AThankYouListWithoutCommitsAcceptsNoPatch()
    {
        var r = Build(Reply("ty", "c0", $"""
            On Mon, 05 Jan 2026 10:00:00 +0000, Ada Author wrote:
            > This series adds the demo chip.
            >
            > [...]

            Applied to

               local tree hwmon/for-next

            Thanks!

            [1/3] {Titles[0]}
                  (no commit info)
            [2/3] {Titles[1]}
                  (no commit info)

            --
            Mia Maintainer <mia@example.org>
            """));
        // b4 found neither in the tree: no evidence they went in, and the list names no other patch.
        Assert.All(Enumerable.Range(1, 3), i => Assert.Null(PatchAt(r, i).Accepted));
        Assert.NotEqual(ReviewState.Accepted, ReviewStates.Of(r, Policy));
    }

    [Fact]
    public void AThankYouListAcceptsTheNamedPatchesItFoundInTheTree()
    {
        var r = Build(Reply("ty", "c0", $"""
            On Mon, 05 Jan 2026 10:00:00 +0000, Ada Author wrote:
            > [...]

            Applied, thanks!

            [1/3] {Titles[0]}
                  commit: 0123456789ab
            [2/3] {Titles[1]}
                  (no commit info)

            Best regards,
            Mia
            """));
        Assert.Equal("0123456789ab", PatchAt(r, 1).Accepted?.Commit);
        Assert.Null(PatchAt(r, 2).Accepted);
        Assert.Null(PatchAt(r, 3).Accepted);
    }

    [Fact]
    public void APlainAppliedOnTheCoverLetterAcceptsTheWholeSeries()
    {
        var r = Build(Reply("ty", "c0", "On Mon, Ada Author wrote:\n> [...]\n\nApplied to hwmon-next, thanks.\n\nMia\n"));
        Assert.Equal(ReviewState.Accepted, ReviewStates.Of(r, Policy));
        Assert.Equal("hwmon-next", PatchAt(r, 3).Accepted?.Tree);
    }

    /// <summary>A note on the cover letter that names patch numbers accepts those patches of the revision only.</summary>
    [Theory]
    [InlineData("Applied patch 1 to hwmon-next.", 3, "1")]
    [InlineData("Applied patches 1 and 2, thanks.", 3, "1,2")]
    [InlineData("Applied 1-3 to hwmon-next.", 4, "1,2,3")]
    [InlineData("Patches 1-2 applied.", 3, "1,2")]
    [InlineData("Applied 1-2, patch 3 needs work.", 3, "1,2")]
    [InlineData("Applied patches 1-3 and 5, dropped 4.", 5, "1,2,3,5")]
    public void AnAppliedNoteThatNamesPatchesAcceptsThoseOnly(string line, int patches, string accepted)
    {
        var r = Build(Reply("ty", "c0", $"On Mon, Ada Author wrote:\n> [...]\n\n{line}\n\nMia\n"), patches);
        Assert.Equal(accepted.Split(',').Select(int.Parse), Enumerable.Range(1, patches).Where(i => PatchAt(r, i).Accepted is not null));
    }

    /// <summary>A note on the cover letter that excepts patch numbers accepts every other patch of the revision.</summary>
    [Theory]
    [InlineData("Applied all but patch 3.", 4, "3")]
    [InlineData("Applied, except for patch 2 which conflicts.", 3, "2")]
    [InlineData("Applied, except for patch 2.", 4, "2")]
    [InlineData("Applied the series but not 2, thanks.", 3, "2")]
    public void AnAppliedNoteThatExceptsPatchesAcceptsTheOthers(string line, int patches, string left)
    {
        var r = Build(Reply("ty", "c0", $"On Mon, Ada Author wrote:\n> [...]\n\n{line}\n\nMia\n"), patches);
        var excepted = left.Split(',').Select(int.Parse).ToList();
        Assert.Equal(Enumerable.Range(1, patches).Except(excepted), Enumerable.Range(1, patches).Where(i => PatchAt(r, i).Accepted is not null));
        Assert.NotEqual(ReviewState.Accepted, ReviewStates.Of(r, Policy));
    }

    /// <summary>
    /// A release's numbers name no patch. (A bare "Applied to v6.12" is a tester's try and no note at all, as it was
    /// before: the release is the target.)
    /// </summary>
    [Fact]
    public void AnAppliedForAReleaseOnTheCoverLetterIsStillAPlainNoteOfTheWholeSeries()
    {
        var r = Build(Reply("ty", "c0", "On Mon, Ada Author wrote:\n> [...]\n\nApplied to hwmon-next for v6.12, thanks\n\nMia\n"));
        Assert.All(Enumerable.Range(1, 3), i => Assert.NotNull(PatchAt(r, i).Accepted));
        Assert.Equal(ReviewState.Accepted, ReviewStates.Of(r, Policy));
    }

    // A maintainer's "Applied" is acceptance, not review activity: on the cover letter as on a patch, it makes no
    // patch "discussed", neither the ones it accepts nor the one it leaves open.
    [Fact]
    public void AnAppliedNoteOnTheCoverLetterIsNotDiscussion()
    {
        var r = Build(Reply("ty", "c0", "On Mon, Ada Author wrote:\n> [...]\n\nApplied patches 1 and 2, thanks.\n\nMia\n"));
        Assert.Empty(r.CoverDiscussion);
        Assert.Equal([ReviewState.Accepted, ReviewState.Accepted, ReviewState.Unreviewed], Enumerable.Range(1, 3).Select(i => State(r, i)));
        Assert.Equal(ReviewState.Unreviewed, ReviewStates.Of(r, Policy));
    }

    [Fact]
    public void AnAppliedNoteOnAPatchIsNotDiscussion()
    {
        var r = Build(Reply("ty", "p2", "On Mon, Ada Author wrote:\n> +int demo_1;\n\nApplied to hwmon-next, thanks.\n\nMia\n"));
        Assert.Empty(PatchAt(r, 2).Discussion);
        Assert.Equal(ReviewState.Accepted, State(r, 2));
    }

    // A guard: what is not an Applied note on the cover letter still counts as discussion of every patch.
    [Fact]
    public void AQuestionOnTheCoverLetterIsStillDiscussion()
    {
        var r = Build(Reply("q", "c0", "On Mon, Ada Author wrote:\n> [...]\n\nWhy does the chip need three fixes?\n\nMia\n"));
        Assert.Single(r.CoverDiscussion);
        Assert.All(Enumerable.Range(1, 3), i => Assert.Equal(ReviewState.Discussed, State(r, i)));
    }

    // A "--" without its space is no signature to b4, so a review line in the text below it is a trailer; given by
    // someone other than the sender, it is kept as b4 sees it (not the sender's) and counts as no review.
    [Fact]
    public void AStrangersReviewBelowABareDashDashIsKeptButDoesNotCount()
    {
        var r = Build(Headers("Rob Reviewer <rob@example.org>", "Re: [PATCH 2/3] hwmon: (demo) two", "r", "p2", 30) + """
            On Mon, Ada Author wrote:
            > +int demo_1;

            Looks fine to me.

            --
            Rob Reviewer
            Reviewed-by: Sig Person <sig@example.org>

            """);
        var given = Assert.Single(PatchAt(r, 2).Trailers, t => t.AppliesVia == TrailerVia.Patch);
        Assert.Equal(("Reviewed-by", "sig@example.org", false), (given.Name, given.Email, given.IdentityOk));
        Assert.Equal(ReviewState.Discussed, State(r, 2));
    }

    static ReviewPolicy SeedPolicy => WrittenMails.SeedPolicy;

    static SeriesRevision Build(string reply, int patches = 3)
    {
        var raws = new List<string> { Cover(patches) };
        for (int i = 1; i <= patches; i++)
            raws.Add(Patch(i, patches));
        raws.Add(reply);
        return Single(WrittenMails.Assemble(raws, Rules, SeedPolicy.IsObjectionLine)).Current;
    }

    static string Headers(string from, string subject, string id, string? replyTo, int minute) =>
        WrittenMails.Headers(from, subject, id, replyTo, minute, root: replyTo is null || replyTo == "c0" ? null : "c0");

    static string Cover(int patches) => Headers("Ada Author <ada@example.org>", $"[PATCH 0/{patches}] {Series}", "c0", null, 0) + $"""
        This series adds the demo chip.

        Ada Author ({patches}):
        {string.Join("\n", Titles.Take(patches).Select(t => "  " + t))}

         drivers/hwmon/demo.c | 3 +++
         1 file changed, 3 insertions(+)

        --
        2.47.0
        """;

    static string Patch(int i, int patches) => Headers("Ada Author <ada@example.org>", $"[PATCH {i}/{patches}] {Titles[i - 1]}", $"p{i}", "c0", i) +
        WrittenMails.OneLinePatch($"Change number {i} of the demo driver.", i);

    static string Reply(string id, string to, string body) =>
        Headers("Mia Maintainer <mia@example.org>", $"Re: [PATCH] {Series}", id, to, 30) + body + "\n";
}
