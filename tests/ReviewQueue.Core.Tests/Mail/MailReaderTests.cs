using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;
using ReviewQueue.TestSupport;

namespace ReviewQueue.Core.Tests.Mail;

/// <summary>Hand-written mails (Mail/Fixtures) for each kind and each odd part of a mail.</summary>
public class MailReaderTests
{
    static PatchMail Read(string fixture)
    {
        var raw = File.ReadAllBytes(RepoPaths.Of("tests", "ReviewQueue.Core.Tests", "Mail", "Fixtures", fixture));
        var result = MailReader.Read(raw, DateTimeOffset.Parse("2024-09-05T00:00:00Z"));
        return Assert.IsType<PatchMail>(result.Mail);
    }

    [Fact]
    public void CoverLetterCarriesBaseCommitChangeIdPrerequisitesAndDiffstat()
    {
        var mail = Read("cover-letter.eml");
        Assert.Equal(MailKind.CoverLetter, mail.Kind);
        Assert.Equal((3, 0, 2), (mail.Subject.Version, mail.Subject.Index, mail.Subject.Total));
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", mail.BaseCommit);
        Assert.Equal("20240901-lm75-new-part-1a2b3c4d5e6f", mail.ChangeId);
        Assert.Equal([new Prerequisite("change-id", "20240801-lm75-prep-aaaaaaaaaaaa:v2"), new Prerequisite("patch-id", "1111111111111111111111111111111111111111")],
            mail.Prerequisites);
        Assert.Equal(new DiffStat(2, 11, 2), mail.DiffStat);
        Assert.Null(mail.PatchId);
        Assert.Equal("linux-hwmon.vger.kernel.org", mail.ListId);
        Assert.Equal(DateTimeOffset.Parse("2024-09-05T00:00:00Z"), mail.Arrived);
    }

    [Fact]
    public void PullRequestGivesUrlBranchAndBase()
    {
        var mail = Read("pull-request.eml");
        Assert.Equal(MailKind.PullRequest, mail.Kind);
        Assert.Equal(new PullRequest("git://git.kernel.org/pub/scm/linux/kernel/git/groeck/linux-staging.git", "tags/hwmon-for-v6.11-rc2",
            "8400291e289ee6b2bf9779ff1c83a291501f017b", "1d4e5c2a0c9a0f2c1c9e3e5b4c5a5d0b6e7f8a9b"), mail.Pull);
    }

    [Fact]
    public void ReplyQuotingADiffIsAReplyAndItsUnquotedTrailersCount()
    {
        var mail = Read("reply-with-trailers.eml");
        Assert.Equal(MailKind.Reply, mail.Kind);
        Assert.Equal("20240902-lm75-v3-1-abc@example.org", mail.InReplyTo);
        Assert.Equal(["20240902-lm75-v3-0-abc@example.org", "20240902-lm75-v3-1-abc@example.org"], mail.References);
        var trailer = Assert.Single(mail.Trailers);
        Assert.Equal(new Trailer("Reviewed-by", "Rita Reviewer <rita@example.org>", "Rita Reviewer", "rita@example.org"), trailer);
        Assert.Contains("Grüße", mail.Body);
        Assert.Empty(mail.Files);
    }

    [Fact]
    public void PatchInATextXPatchAttachmentIsAPatch()
    {
        var mail = Read("attached-patch.eml");
        Assert.Equal(MailKind.Patch, mail.Kind);
        Assert.Equal(["drivers/hwmon/lm75.c"], mail.Files);
        Assert.Equal(new DiffStat(1, 1, 1), mail.DiffStat);
        Assert.NotNull(mail.PatchId);
        Assert.Equal(["Signed-off-by"], mail.Trailers.Select(t => t.Name));
    }

    [Fact]
    public void HtmlOnlyMailWithBadDateAndUnknownCharsetIsReadWithProblems()
    {
        var mail = Read("html-only.eml");
        Assert.Equal(MailKind.Reply, mail.Kind);
        Assert.Null(mail.Date);
        Assert.Contains(mail.Problems, p => p.Code == MailProblem.BadDate);
        Assert.Contains(mail.Problems, p => p.Code == MailProblems.HtmlOnly);
        Assert.Contains(mail.Problems, p => p.Code == MailProblems.UnknownCharset);
        Assert.Equal(["Acked-by"], mail.Trailers.Select(t => t.Name));
    }

    [Fact]
    public void NothingOrGarbageGivesProblemsNotExceptions()
    {
        Assert.Contains(MailReader.Read([], null).Problems, p => p.Code == MailProblem.Empty);
        var garbage = MailReader.Read("\u0001\u0002 not a mail\n\n\n"u8.ToArray(), null);
        Assert.True(garbage.Mail is not null || garbage.Problems.Count > 0);
        var bare = MailReader.Read("Subject: x\n"u8.ToArray(), null).Mail!;
        Assert.Contains(bare.Problems, p => p.Code == MailProblem.MissingMessageId);
        Assert.Contains(bare.Problems, p => p.Code == MailProblem.MissingDate);
        Assert.Equal(MailKind.Other, bare.Kind);
    }
}
