using System.Text;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Mail;

/// <summary>
/// git's own mailinfo golden tests (t/t5100). git's test splits sample.mbox with mailsplit and
/// runs <c>git mailinfo -u [option] msgN patchN &lt; N &gt; infoN</c>; a msgN--option file means the
/// case also ran with that option. We split with our MboxReader and read with mailsplit's CRLF rule.
/// </summary>
public sealed class GitT5100Tests(ITestOutputHelper output)
{
    static readonly (string Suffix, MailInfoOptions Options)[] Variants =
    [
        ("", MailInfoOptions.Am),
        ("--scissors", MailInfoOptions.Am with { Scissors = true }),
        ("--no-inbody-headers", MailInfoOptions.Am with { InbodyHeaders = false }),
        ("--message-id", MailInfoOptions.Am with { MessageId = true }),
    ];

    [Fact]
    public void EverySampleMboxCaseEqualsGitsExpectedMessagePatchAndInfo()
    {
        var dir = Corpus.Require("git-t5100", "t5100");
        var mails = Split(Path.Combine(dir, "sample.mbox"));
        var failures = new List<string>();
        int cases = 0;
        for (int i = 0; i < mails.Count; i++)
        {
            var n = (i + 1).ToString("0000");
            foreach (var (suffix, options) in Variants)
            {
                if (!File.Exists(Path.Combine(dir, "msg" + n + suffix)))
                    continue;
                cases++;
                var result = MailInfo.Run(mails[i], options);
                var wrong = new List<string>();
                if (!result.Message.SequenceEqual(File.ReadAllBytes(Path.Combine(dir, "msg" + n + suffix)))) wrong.Add("msg");
                if (!result.Patch.SequenceEqual(File.ReadAllBytes(Path.Combine(dir, "patch" + n + suffix)))) wrong.Add("patch");
                if (!result.Info().SequenceEqual(File.ReadAllBytes(Path.Combine(dir, "info" + n + suffix)))) wrong.Add("info");
                if (wrong.Count > 0)
                    failures.Add($"{n}{suffix}: {string.Join(", ", wrong)} differ");
            }
        }
        output.WriteLine($"t5100 sample.mbox: {cases - failures.Count} of {cases} cases match ({mails.Count} messages)");
        foreach (var f in failures)
            output.WriteLine("  " + f);
        Assert.Equal(18, mails.Count);
        Assert.Empty(failures);
    }

    [Fact]
    public void EveryRfc2047SampleGivesGitsExpectedInfo()
    {
        var dir = Corpus.Require("git-t5100", "t5100");
        var mails = Split(Path.Combine(dir, "rfc2047-samples.mbox"));
        var failures = new List<string>();
        for (int i = 0; i < mails.Count; i++)
        {
            var n = (i + 1).ToString("0000");
            var expected = File.ReadAllText(Path.Combine(dir, "rfc2047-info-" + n));
            var actual = Encoding.UTF8.GetString(MailInfo.Run(mails[i], MailInfoOptions.Am).Info());
            if (expected != actual)
                failures.Add($"{n}: expected {expected.ReplaceLineEndings(" | ")} got {actual.ReplaceLineEndings(" | ")}");
        }
        output.WriteLine($"t5100 rfc2047-samples.mbox: {mails.Count - failures.Count} of {mails.Count} match");
        failures.ForEach(output.WriteLine);
        Assert.Equal(11, mails.Count);
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("comment")]
    [InlineData("info-from")]
    [InlineData("quoted-string")]
    [InlineData("embed-from")]
    public void SingleMailCasesGiveGitsExpectedInfo(string name)
    {
        var dir = Corpus.Require("git-t5100", "t5100");
        var result = MailInfo.Run(File.ReadAllBytes(Path.Combine(dir, name + ".in")));
        Assert.Equal(File.ReadAllText(Path.Combine(dir, name + ".expect")), Encoding.UTF8.GetString(result.Info()));
    }

    [Fact]
    public void QuotedFromLinesStayInTheMessage()
    {
        var dir = Corpus.Require("git-t5100", "t5100");
        var result = MailInfo.Run(File.ReadAllBytes(Path.Combine(dir, "quoted-from.in")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "quoted-from.expect")), result.Message);
    }

    [Fact]
    public void NulBytesInBase64BodiesReachThePatch()
    {
        var dir = Corpus.Require("git-t5100", "t5100");
        var result = MailInfo.Run(File.ReadAllBytes(Path.Combine(dir, "nul-b64.in")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "nul-b64.expect")), result.Patch);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void QuotedCrInBase64IsKeptOrStrippedLikeGit(bool strip)
    {
        // git's test: the second mail of quoted-cr.mbox; "%%" in the expected files stands for CR,
        // and --quoted-cr=strip removes the CR of a CRLF line end only.
        var dir = Corpus.Require("git-t5100", "t5100");
        var mail = Split(Path.Combine(dir, "quoted-cr.mbox"))[1];
        var result = MailInfo.Run(mail, MailInfoOptions.Am with { StripQuotedCr = strip });
        Assert.Equal(Expected(Path.Combine(dir, "quoted-cr-msg"), strip), result.Message);
        Assert.Equal(Expected(Path.Combine(dir, "quoted-cr-patch"), strip), result.Patch);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "quoted-cr-info")), result.Info());
        Assert.True(result.QuotedCr);
    }

    static byte[] Expected(string path, bool strip)
    {
        var lines = File.ReadAllText(path, Encoding.Latin1).Split('\n')
            .Select(l => (strip && l.EndsWith("%%") ? l[..^2] : l).Replace("%%", "\r"));
        return Encoding.Latin1.GetBytes(string.Join('\n', lines));
    }

    static List<byte[]> Split(string mbox)
    {
        using var stream = File.OpenRead(mbox);
        return new MboxReader(stream, mbox).Read().Select(m => m.Bytes).ToList();
    }
}
