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
    static readonly string[] Titles = ["hwmon: (demo) one", "hwmon: (demo) two", "hwmon: (demo) three"];

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

    static ReviewPolicy SeedPolicy => WrittenMails.SeedPolicy;

    static SeriesRevision Build(string reply)
    {
        var raws = new List<string> { Cover() };
        for (int i = 1; i <= 3; i++)
            raws.Add(Patch(i));
        raws.Add(reply);
        return Single(WrittenMails.Assemble(raws, Rules, SeedPolicy.IsObjectionLine)).Current;
    }

    static string Headers(string from, string subject, string id, string? replyTo, int minute) =>
        WrittenMails.Headers(from, subject, id, replyTo, minute, root: replyTo is null || replyTo == "c0" ? null : "c0");

    static string Cover() => Headers("Ada Author <ada@example.org>", $"[PATCH 0/3] {Series}", "c0", null, 0) + """
        This series adds the demo chip.

        Ada Author (3):
          one
          two
          three

         drivers/hwmon/demo.c | 3 +++
         1 file changed, 3 insertions(+)

        --
        2.47.0
        """;

    static string Patch(int i) => Headers("Ada Author <ada@example.org>", $"[PATCH {i}/3] {Titles[i - 1]}", $"p{i}", "c0", i) +
        WrittenMails.OneLinePatch($"Change number {i} of the demo driver.", i);

    static string Reply(string id, string to, string body) =>
        Headers("Mia Maintainer <mia@example.org>", $"Re: [PATCH] {Series}", id, to, 30) + body + "\n";
}
