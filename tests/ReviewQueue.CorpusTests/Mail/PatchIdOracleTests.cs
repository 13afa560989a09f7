using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Mail;

/// <summary>
/// For every mail of the corpus: git mailinfo extracts the diff from the same raw bytes we read,
/// git patch-id --stable hashes it, and our reader must give the same id (or none where git gives none).
/// </summary>
public sealed class PatchIdOracleTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("lists/linux-hwmon/hwmon-2024H2.mbox")]
    [InlineData("patchwork/mail")]
    [InlineData("patchwork/series")]
    [InlineData("public-inbox")]
    public void OurPatchIdEqualsGitsForEveryPatchMail(string relative)
    {
        var mails = CorpusMail.Read(relative.Split('/')).ToList();
        using var tmp = new TempDir("rq-pid");
        int agree = 0, bothNone = 0, gitRefused = 0;
        var disagree = new List<string>();
        foreach (var mail in mails)
        {
            var git = GitPatchId(mail.Bytes, tmp);
            var read = MailReader.Read(mail.Bytes, null);
            var ours = read.Mail?.PatchId;
            if (git.Refused)
            {
                // git mailinfo stops (unknown charset, broken encoded-word); we still read the mail.
                gitRefused++;
                output.WriteLine($"git mailinfo refused {mail.Source}: {git.Error}; ours: {ours ?? "none"}");
                continue;
            }
            if (git.Id == ours)
            {
                if (ours is null) bothNone++; else agree++;
            }
            else
            {
                disagree.Add($"{mail.Source}: git {git.Id ?? "none"} ours {ours ?? "none"}");
            }
        }
        output.WriteLine($"{relative}: {mails.Count} mails, {agree} patch-ids equal to git's, {bothNone} without one on both sides, {gitRefused} refused by git, {disagree.Count} differ");
        disagree.ForEach(output.WriteLine);
        Assert.Empty(disagree);
        Assert.True(agree > 0, "no patch mail found");
    }

    static (string? Id, bool Refused, string Error) GitPatchId(byte[] raw, TempDir tmp)
    {
        var msg = tmp.File("msg");
        var patch = tmp.File("patch");
        var info = Run.Program("git", ["mailinfo", "-u", msg, patch], tmp.Path, raw);
        if (info.ExitCode != 0)
            return (null, true, info.Stderr.Trim());
        var diff = File.ReadAllBytes(patch);
        if (diff.Length == 0)
            return (null, false, "");
        var id = Run.Program("git", ["patch-id", "--stable"], tmp.Path, diff).Stdout.Split(' ')[0].Trim();
        return (id.Length == 0 ? null : id, false, "");
    }
}
