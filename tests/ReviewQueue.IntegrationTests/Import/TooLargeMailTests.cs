using System.Text;
using System.Text.Json;
using ReviewQueue.Core.Ingest;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Import;

/// <summary>
/// A mail larger than a mail may be (RawMail.MaxBytes, 32 MiB), or a file that is no mail at all (an image given by mistake),
/// is kept as rejected, its start and size with the reason TooLarge; the mail beside it is stored, and the import goes on
/// instead of failing with a stack trace once the reader's buffer could grow no more.
/// </summary>
public sealed class TooLargeMailTests
{
    static readonly int Over = RawMail.MaxBytes + 1000;

    /// <summary>A mail of about <paramref name="bytes"/> bytes: headers, then lines of text.</summary>
    static string Large(int n, int bytes)
    {
        var mail = new StringBuilder(MailText.Message(n, $"large{n}@example.org", body: ""));
        var line = new string('z', 75) + "\n";
        while (mail.Length < bytes)
            mail.Append(line);
        return mail.ToString();
    }

    static JsonElement Rejected(string db)
    {
        var r = ReviewQueueProgram.Run(["--db", db, "rejected", "--json"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement;
    }

    [Fact]
    public void AnMboxWithATooLargeMailStoresTheOthersAndKeepsItsStart()
    {
        using var dir = new TempDir("rq-large");
        var mbox = dir.File("list.mbox");
        File.WriteAllText(mbox, MailText.MboxEntry(MailText.Message(1, "one@example.org")) + MailText.MboxEntry(Large(2, Over))
            + MailText.MboxEntry(MailText.Message(3, "three@example.org")));
        var db = dir.File("ledger.db");

        var r = ReviewQueueProgram.Run(["--db", db, "import", mbox]);

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.StartsWith("read 3, new 2, duplicate 0, rejected 1", r.Stdout);
        var kept = Assert.Single(Rejected(db).EnumerateArray());
        var said = kept.ToString();
        Assert.Contains("TooLarge", said);
        Assert.Contains("more than the 33,554,432 a mail may have", said);
        Assert.Contains("list.mbox#2", said);
    }

    [Fact]
    public void AFileOfZerosIsOneTooLargeMessageNotACrash()
    {
        using var dir = new TempDir("rq-large");
        var zeros = dir.File("disk.img");
        using (var f = File.Create(zeros))
            f.SetLength(RawMail.MaxBytes * 3L); // no line end in it at all
        var db = dir.File("ledger.db");

        var r = ReviewQueueProgram.Run(["--db", db, "import", zeros]);

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.StartsWith("read 1, new 0, duplicate 0, rejected 1", r.Stdout);
        Assert.Contains($"{RawMail.MaxBytes * 3L:N0} bytes", Assert.Single(Rejected(db).EnumerateArray()).ToString());
    }

    [Fact]
    public void AMaildirFileTooLargeIsKeptAsItsStart()
    {
        using var dir = new TempDir("rq-large");
        var maildir = dir.File("Maildir");
        Directory.CreateDirectory(Path.Combine(maildir, "cur"));
        Directory.CreateDirectory(Path.Combine(maildir, "new"));
        File.WriteAllText(Path.Combine(maildir, "new", "1700000000.M1P1.host"), MailText.Message(1, "one@example.org"));
        File.WriteAllText(Path.Combine(maildir, "new", "1700000001.M2P1.host"), Large(2, Over));
        var db = dir.File("ledger.db");

        var r = ReviewQueueProgram.Run(["--db", db, "import", maildir]);

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.StartsWith("read 2, new 1, duplicate 0, rejected 1", r.Stdout);
        Assert.Contains("TooLarge", Assert.Single(Rejected(db).EnumerateArray()).ToString());
    }

    [Fact]
    public void ADeliveryTooLargeIsRefusedAsUnreadableSoTheMailServerBouncesIt()
    {
        // 65 (EX_DATAERR): the mail server returns it to its sender, as it does past its own message_size_limit; a retry
        // could never store it.
        using var dir = new TempDir("rq-large");
        var db = dir.File("ledger.db");

        var r = ReviewQueueProgram.Run(["--db", db, "import", "-"], stdin: Encoding.UTF8.GetBytes(Large(1, Over)));

        Assert.True(r.ExitCode == 65, $"exit {r.ExitCode}: {r.Stdout} {r.Stderr}");
        Assert.Contains("TooLarge", Assert.Single(Rejected(db).EnumerateArray()).ToString());
    }
}
