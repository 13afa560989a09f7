using System.Text;
using ReviewQueue.Core.Mail;
using ReviewQueue.Series;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Series;

/// <summary>
/// What am writes for one patch mail, laid out as b4 am lays it out where git am reads both the same way
/// (differences found comparing the two on every hwmon-2024H2 patch thread, see B4AmTests).
/// </summary>
public sealed class AmMboxTests
{
    const string Diff = """
        ---
         demo.c | 2 +-
         1 file changed, 1 insertion(+), 1 deletion(-)

        diff --git a/demo.c b/demo.c
        index 1111111..2222222 100644
        --- a/demo.c
        +++ b/demo.c
        @@ -1,3 +1,3 @@
         int a;
        -int b;
        +int b2;
         int c;

        """;

    static PatchMail Read(string body, string headers = "Date: Fri, 15 Nov 2024 13:45:56 +0100\n", string from = "Ada Author <ada@example.org>") =>
        MailReader.Read(Encoding.UTF8.GetBytes(
            $"From: {from}\nSubject: [PATCH] demo: rename b\nMessage-ID: <p1@example.org>\n"
            + headers + "\n" + body.Replace("\r\n", "\n")), null).Mail!;

    static string Am(PatchMail mail, params TrailerView[] followups)
    {
        var mbox = new StringBuilder();
        AmMbox.Append(mbox, mail, "[PATCH] ", followups);
        return mbox.ToString();
    }

    static readonly TrailerView Review = new("Reviewed-by", "Rob Reviewer <rob@example.org>", "Rob Reviewer", "rob@example.org",
        "r1@example.org", DateTimeOffset.UnixEpoch, "patch", IdentityOk: true, CountsAsReview: true);

    /// <summary>The message as written: from the blank line after the headers to the end.</summary>
    static string Body(string am) => am[(am.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];

    [Fact]
    public void AnInBodyDateIsTheAuthorDateAsGitAmTakesIt()
    {
        var mail = Read("From: Ada Author <ada@example.org>\nDate: Fri, 15 Nov 2024 13:30:58 +0100\n\nb is b2 now.\n\nSigned-off-by: Ada Author <ada@example.org>\n" + Diff);

        var am = Am(mail);

        Assert.Contains("\nDate: Fri, 15 Nov 2024 13:30:58 +0100\n", am);
        Assert.DoesNotContain("13:45:56", am);
    }

    [Fact]
    public void TheDateIsWrittenWithATwoDigitDayAsB4WritesIt()
    {
        var mail = Read("b is b2 now.\n\nSigned-off-by: Ada Author <ada@example.org>\n" + Diff, "Date: Mon, 1 Jul 2024 15:32:52 +0800\n");

        Assert.Contains("\nDate: Mon, 01 Jul 2024 15:32:52 +0800\n", Am(mail));
    }

    [Theory]
    // git am of the original mail records these (git 2.39); MimeKit alone wrote +0000 for the first two.
    [InlineData("Tue, 2 Jul 2024 10:00:00 CEST", "Tue, 02 Jul 2024 10:00:00 +0200")]
    [InlineData("Tue, 2 Jul 2024 10:00:00 +02:00", "Tue, 02 Jul 2024 10:00:00 +0200")]
    [InlineData("2024-07-02T10:00:00+02:00", "Tue, 02 Jul 2024 10:00:00 +0200")]
    public void AZoneWrittenByNameOrWithAColonIsTheAuthorDateGitAmRecords(string header, string written)
    {
        var mail = Read("b is b2 now.\n\nSigned-off-by: Ada Author <ada@example.org>\n" + Diff, $"Date: {header}\n");

        Assert.Contains($"\nDate: {written}\n", Am(mail));
    }

    [Fact]
    public void TheSignatureFollowsTheLastHunkWithoutTheBlankLineBetween()
    {
        var mail = Read("b is b2 now.\n\nSigned-off-by: Ada Author <ada@example.org>\n" + Diff + "\n-- \n2.40.1\n\n");

        var body = Body(Am(mail));

        Assert.EndsWith("+int b2;\n int c;\n-- \n2.40.1\n\n", body);
    }

    [Fact]
    public void ABlankLineTheLastHunkCountsAsContextStaysBeforeTheSignature()
    {
        // A mail client stripped the space of the last context line, an empty line: git apply still reads it as context.
        var damaged = Diff.Replace("@@ -1,3 +1,3 @@", "@@ -1,4 +1,4 @@");
        var mail = Read("b is b2 now.\n\nSigned-off-by: Ada Author <ada@example.org>\n" + damaged + "\n-- \n2.40.1\n");

        var body = Body(Am(mail));

        Assert.EndsWith(" int c;\n\n-- \n2.40.1\n\n", body);
    }

    [Fact]
    public void AMessageWithoutTrailersKeepsABlankLineBeforeTheDashes()
    {
        var mail = Read("b is b2 now.\n" + Diff);

        Assert.StartsWith("b is b2 now.\n\n---\n demo.c", Body(Am(mail)));
    }

    [Fact]
    public void AMessageWhoseLastLineIsATrailerTakesFollowUpsRightBelowIt()
    {
        // "DEMO1: …" is no trailer of ours (no dash, not a known name), yet the paragraph ends in a trailer line.
        var mail = Read("b is b2 now.\n\nDEMO1: two variables\nSigned-off-by: Ada Author <ada@example.org>\n" + Diff);

        Assert.StartsWith("b is b2 now.\n\nDEMO1: two variables\nSigned-off-by: Ada Author <ada@example.org>\n---\n", Body(Am(mail)));
        Assert.StartsWith("b is b2 now.\n\nDEMO1: two variables\nSigned-off-by: Ada Author <ada@example.org>\n"
            + "Reviewed-by: Rob Reviewer <rob@example.org>\n---\n", Body(Am(mail, Review)));
    }

    /// <summary>am --add-link, as b4 am -l (0.12): the patch's lore link after the follow-ups, once.</summary>
    [Fact]
    public void AddLinkPutsThePatchsLoreLinkAfterTheFollowUpTrailersAsB4AmDashL()
    {
        var mail = Read("b is b2 now.\n\nSigned-off-by: Ada Author <ada@example.org>\n" + Diff);
        var mbox = new StringBuilder();
        AmMbox.Append(mbox, mail, "[PATCH] ", [Review], linkTo: new ListArchive(ListArchive.Lore));

        Assert.StartsWith("b is b2 now.\n\nSigned-off-by: Ada Author <ada@example.org>\n"
            + "Reviewed-by: Rob Reviewer <rob@example.org>\nLink: https://lore.kernel.org/r/p1@example.org\n---\n", Body(mbox.ToString()));

        var linked = Read("b is b2 now.\n\nLink: https://lore.kernel.org/r/p1@example.org\nSigned-off-by: Ada Author <ada@example.org>\n" + Diff);
        mbox.Clear();
        AmMbox.Append(mbox, linked, "[PATCH] ", [], linkTo: new ListArchive(ListArchive.Lore));
        Assert.Single(Body(mbox.ToString()).Split('\n'), l => l.StartsWith("Link:", StringComparison.Ordinal));
    }

    /// <summary>Archive:Url set to a project's own archive: the link goes there, the Message-ID as it is (b4's link mask does the same).</summary>
    [Fact]
    public void AddLinkPointsAtTheConfiguredArchive()
    {
        var mail = Read("b is b2 now.\n\nSigned-off-by: Ada Author <ada@example.org>\n" + Diff);
        var mbox = new StringBuilder();
        AmMbox.Append(mbox, mail, "[PATCH] ", [], linkTo: new ListArchive("https://inbox.example.org/devel"));

        Assert.StartsWith("b is b2 now.\n\nSigned-off-by: Ada Author <ada@example.org>\n"
            + "Link: https://inbox.example.org/devel/p1@example.org\n---\n", Body(mbox.ToString()));
    }

    [Fact]
    public void OnlyALineGitMailsplitWouldCutAtIsEscapedSoGitAmKeepsEveryOtherFromLineAsItIs()
    {
        var mail = Read("From the datasheet: b is b2.\n>From a quote.\nFrom 0123456789abcdef Mon Sep 17 00:00:00 2001\n\nSigned-off-by: Ada Author <ada@example.org>\n" + Diff);
        var am = Am(mail);
        Assert.Contains("\nFrom the datasheet: b is b2.\n>From a quote.\n>From 0123456789abcdef Mon Sep 17 00:00:00 2001\n", am);

        // git am reads the mbox as one message and keeps the first two lines as written.
        using var dir = new TempDir("rq-am-from");
        File.WriteAllText(dir.File("am.mbox"), am);
        var split = Run.Program("git", ["mailsplit", "-o" + dir.Path, dir.File("am.mbox")], dir.Path);
        Assert.Equal("1", split.Stdout.Trim());
        var info = Run.Program("git", ["mailinfo", dir.File("msg"), dir.File("patch")], dir.Path, File.ReadAllBytes(dir.File("0001")));
        Assert.Equal(0, info.ExitCode);
        Assert.StartsWith("From the datasheet: b is b2.\n>From a quote.\n", File.ReadAllText(dir.File("msg")));
    }

    [Theory]
    [InlineData("\"Author, Ada\" <ada@example.org>", "From: \"Author, Ada\" <ada@example.org>", "Author, Ada")]
    [InlineData("\"Ada \\\"The Reviewer\\\" Author (Demo)\" <ada@example.org>", "From: \"Ada \\\"The Reviewer\\\" Author (Demo)\" <ada@example.org>", "Ada \"The Reviewer\" Author (Demo)")]
    [InlineData("Ada Author <ada@example.org>", "From: Ada Author <ada@example.org>", "Ada Author")]
    public void AnAuthorNameWithAnAddressSpecialIsQuotedAsGitFormatPatchQuotesIt(string from, string header, string gitAuthor)
    {
        var am = Am(Read("b is b2 now.\n\nSigned-off-by: Ada Author <ada@example.org>\n" + Diff, from: from));

        Assert.Contains("\n" + header + "\n", am);
        using var dir = new TempDir("rq-am-name");
        var info = Run.Program("git", ["mailinfo", dir.File("msg"), dir.File("patch")], dir.Path, Encoding.UTF8.GetBytes(am));
        Assert.StartsWith($"Author: {gitAuthor}\nEmail: ada@example.org\n", info.Stdout);
    }
}
