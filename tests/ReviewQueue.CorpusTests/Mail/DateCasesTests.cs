using ReviewQueue.Core.Mail;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Mail;

/// <summary>
/// lkml-eml/date_cases: real list mail with broken Date headers (2085, 2077, 2043, "Mon, 29 Sep 103", "$(date -R)").
/// Every one is dated no later than a day after its list server received it (its import, for the five that NNTP
/// delivered without Received headers), and none before 1990.
/// </summary>
public sealed class DateCasesTests
{
    static readonly DateTimeOffset Imported = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    static PatchMail Read(string name) =>
        MailReader.Read(File.ReadAllBytes(Corpus.Require("lkml-eml", "date_cases", name)), Imported).Mail!;

    [Fact]
    public void EveryDateCaseIsDatedWithinADayOfItsReceivedHeader()
    {
        var dir = Corpus.Require("lkml-eml", "date_cases");
        var files = Directory.GetFiles(dir, "*.eml");
        Assert.Equal(20, files.Length);
        foreach (var file in files)
        {
            var mail = MailReader.Read(File.ReadAllBytes(file), Imported).Mail!;
            var reached = mail.Received ?? Imported;
            var sent = mail.Sent!.Value;
            Assert.True(sent <= reached.AddDays(1) && sent.Year >= 1990, $"{Path.GetFileName(file)}: {sent:O}");
        }
    }

    [Theory]
    // Date: Mon, 18 Jun 2085 15:57:19 +0000; the archive received it on Mon, 2 Sep 2019 10:06:24 +0000.
    [InlineData("org.kernel.vger.linux-hwmon-6592.eml", "2019-09-02T10:06:24+00:00")]
    // Date: $(date -R)
    [InlineData("de.denx.lists.u-boot-603361.eml", "2025-11-04T22:14:54+00:00")]
    // Date: Mon, 29 Sep 103 10:34:51 -0400 (a year counted from 1900)
    [InlineData("org.kernel.vger.linux-kernel-236731.eml", "2003-09-29T10:27:43-04:00")]
    // A readable Date is believed: Sun, 31 Mar 2002 21:13:46 +0200.
    [InlineData("org.kernel.vger.netdev-2.eml", "2002-03-31T21:13:46+02:00")]
    public void ABrokenClockIsDatedByTheListServer(string name, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Read(name).Sent);
}
