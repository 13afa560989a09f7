using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Import;

public sealed class MaildirImportTests
{
    [Fact]
    public async Task EveryMessageInCurAndNewIsStoredAndTmpIsLeftAlone()
    {
        using var ledger = new TestLedger();
        var maildir = ledger.Dir.File("Maildir");
        foreach (var sub in new[] { "cur", "new", "tmp" })
            Directory.CreateDirectory(Path.Combine(maildir, sub));
        File.WriteAllText(Path.Combine(maildir, "cur", "1767607200.M1P1.host:2,S"), MailText.Message(1, "cur1@example.org"));
        File.WriteAllText(Path.Combine(maildir, "cur", "1767607201.M2P1.host:2,"), MailText.Message(2, "cur2@example.org"));
        File.WriteAllText(Path.Combine(maildir, "new", "1767607202.M3P1.host"), MailText.Message(3, "new3@example.org"));
        File.WriteAllText(Path.Combine(maildir, "tmp", "1767607203.M4P1.host"), "From: half written");

        var first = await ledger.ImportAsync(maildir);
        var again = await ledger.ImportAsync(maildir);

        Assert.Equal("maildir", first.Sources[0].Format);
        Assert.Equal((3, 3, 0), (first.Read, first.New, first.Rejected));
        Assert.Equal((3, 0, 3), (again.Read, again.New, again.Duplicate));
        var ids = (await ledger.Messages.ListAsync(TestContext.Current.CancellationToken)).Select(m => m.MessageId).Order();
        Assert.Equal(["cur1@example.org", "cur2@example.org", "new3@example.org"], ids);
    }

    [Fact]
    public void AMessageTheMailReaderMovesFromNewToCurWhileTheMaildirIsReadIsStillRead()
    {
        // mutt marks a message seen: new/NAME becomes cur/NAME:2,S between the listing and the read.
        using var dir = new TempDir();
        var maildir = dir.File("Maildir");
        foreach (var sub in new[] { "cur", "new", "tmp" })
            Directory.CreateDirectory(Path.Combine(maildir, sub));
        File.WriteAllText(Path.Combine(maildir, "cur", "1767607200.M1P1.host:2,S"), MailText.Message(1, "cur1@example.org"));
        File.WriteAllText(Path.Combine(maildir, "new", "1767607201.M2P1.host"), MailText.Message(2, "new2@example.org"));

        using var mails = ReviewQueue.Mail.Sources.MaildirReader.Read(maildir).GetEnumerator();
        Assert.True(mails.MoveNext());
        File.Move(Path.Combine(maildir, "new", "1767607201.M2P1.host"), Path.Combine(maildir, "cur", "1767607201.M2P1.host:2,S"));
        Assert.True(mails.MoveNext());

        Assert.Contains("new2@example.org", System.Text.Encoding.UTF8.GetString(mails.Current.Bytes));
        Assert.Equal(Path.Combine(maildir, "cur", "1767607201.M2P1.host:2,S"), mails.Current.Source);
        Assert.False(mails.MoveNext());
    }
}
