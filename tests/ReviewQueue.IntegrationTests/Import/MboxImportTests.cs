using System.Text;
using Dapper;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Import;

public sealed class MboxImportTests
{
    [Fact]
    public async Task ImportingTheSameMboxTwiceStoresNothingNewTheSecondTime()
    {
        using var ledger = new TestLedger(batchSize: 3);
        var mbox = ledger.Dir.File("list.mbox");
        File.WriteAllText(mbox, string.Concat(Enumerable.Range(1, 10).Select(n => MailText.MboxEntry(MailText.Message(n, $"m{n}@example.org")))));

        var first = await ledger.ImportAsync(mbox);
        var second = await ledger.ImportAsync(mbox);

        Assert.Equal((10, 10, 0, 0), (first.Read, first.New, first.Duplicate, first.Rejected));
        Assert.Equal((10, 0, 10, 0), (second.Read, second.New, second.Duplicate, second.Rejected));
        Assert.Equal(10, await ledger.Messages.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheStepsOfAnImportAreToldAsTheyEnd()
    {
        using var ledger = new TestLedger(batchSize: 3);
        var mbox = ledger.Dir.File("list.mbox");
        File.WriteAllText(mbox, string.Concat(Enumerable.Range(1, 10).Select(n => MailText.MboxEntry(MailText.Message(n, $"m{n}@example.org")))));
        var steps = new List<string>();

        await ledger.Runner.RunAsync([mbox], null, false, null, TestContext.Current.CancellationToken, s => { lock (steps) steps.Add(s); });

        // Four batches of at most three mails, each told before it commits, then the rebuild, step by step.
        Assert.Equal(["batch", "batch", "batch", "batch"], steps.Take(4));
        Assert.DoesNotContain("batch", steps.Skip(4));
        Assert.Equal(["load", "assemble", "topics", "derived"], steps.Skip(4).Take(4));
        Assert.Equal("meta", steps[^1]);

        // Nothing new: the batch is still told, and no rebuild follows.
        steps.Clear();
        await ledger.Runner.RunAsync([mbox], null, false, null, TestContext.Current.CancellationToken, s => { lock (steps) steps.Add(s); });
        Assert.Equal(["batch", "batch", "batch", "batch"], steps);
    }

    [Fact]
    public async Task MboxrdEscapedFromLinesLoseExactlyOneQuoteMark()
    {
        using var ledger = new TestLedger();
        var mbox = ledger.Dir.File("rd.mbox");
        var body = ">From the start it was wrong.\n>>From a quoted reply.\n> From is not escaped.\nFrom-line-like text\n";
        File.WriteAllText(mbox, MailText.MboxEntry(MailText.Message(1, "rd@example.org", body)) + MailText.MboxEntry(MailText.Message(2, "rd2@example.org")));

        var summary = await ledger.ImportAsync(mbox);

        Assert.Equal(2, summary.New);
        Assert.Equal("mboxrd", summary.Sources[0].Format);
        var raw = Encoding.UTF8.GetString((await ledger.Messages.RawAsync("rd@example.org", TestContext.Current.CancellationToken))!);
        Assert.Contains("\nFrom the start it was wrong.\n>From a quoted reply.\n> From is not escaped.\nFrom-line-like text\n", raw);
    }

    [Fact]
    public async Task GitFormatPatchMboxoWithAFromLineInTheCommitMessageIsNotSplit()
    {
        using var ledger = new TestLedger();
        var repo = ledger.Dir.File("repo");
        Directory.CreateDirectory(repo);
        Run.Git(repo, "init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(repo, "driver.c"), "int x;\n");
        Run.Git(repo, "add", ".");
        Run.Git(repo, "commit", "-q", "-m", "base");
        File.WriteAllText(Path.Combine(repo, "driver.c"), "int x;\nint y;\n");
        Run.Git(repo, "commit", "-q", "-am",
            "demo: add y\n\nFrom the beginning this driver lacked y.\nFrom Mon Jan  5 is not a date line either.\n");
        File.WriteAllText(Path.Combine(repo, "driver.c"), "int x;\nint y;\nint z;\n");
        Run.Git(repo, "commit", "-q", "-am", "demo: add z");
        var mboxo = Run.Git(repo, "format-patch", "--stdout", "HEAD~2").StdoutBytes;
        var mbox = ledger.Dir.File("series.mbox");
        File.WriteAllBytes(mbox, mboxo);
        // git's own splitter is the oracle for how many messages the file holds.
        var split = ledger.Dir.File("split");
        Directory.CreateDirectory(split);
        var oracle = Run.Git(repo, "mailsplit", "-o" + split, mbox).Stdout.Trim();

        var summary = await ledger.ImportAsync(mbox);

        Assert.Equal("2", oracle);
        Assert.Equal((2, 2, 0), (summary.Read, summary.New, summary.Rejected));
        var rows = await ledger.Messages.ListAsync(TestContext.Current.CancellationToken);
        var first = rows.Single(r => r.Subject!.Contains("add y"));
        var raw = Encoding.UTF8.GetString((await ledger.Messages.RawAsync(first.MessageId, TestContext.Current.CancellationToken))!);
        Assert.Contains("\nFrom the beginning this driver lacked y.\n", raw);
        Assert.Contains("+int y;", raw);
    }

    [Fact]
    public async Task AMessageWithoutMessageIdGetsAStableSyntheticIdAndIsADuplicateWhenImportedAgain()
    {
        using var ledger = new TestLedger();
        var mbox = ledger.Dir.File("noid.mbox");
        File.WriteAllText(mbox, MailText.MboxEntry(MailText.Message(7)) + MailText.MboxEntry(MailText.Message(8)));
        var copy = ledger.Dir.File("noid-copy.mbox");
        File.Copy(mbox, copy);

        var first = await ledger.ImportAsync(mbox);
        var second = await ledger.ImportAsync(copy);

        Assert.Equal(2, first.New);
        Assert.Equal((0, 2), (second.New, second.Duplicate));
        var rows = await ledger.Messages.ListAsync(TestContext.Current.CancellationToken);
        Assert.All(rows, r => Assert.True(r.Synthetic));
        Assert.All(rows, r => Assert.EndsWith("@" + Core.Ingest.EnvelopeReader.SyntheticDomain, r.MessageId));
        Assert.Equal(2, rows.Select(r => r.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task StoredRawBytesAreCompressedAndComeBackUnchanged()
    {
        using var ledger = new TestLedger();
        var mbox = ledger.Dir.File("one.mbox");
        var message = MailText.Message(1, "same@example.org", string.Concat(Enumerable.Repeat("a line of patch text\n", 200)));
        File.WriteAllText(mbox, MailText.MboxEntry(message));

        await ledger.ImportAsync(mbox);

        var raw = await ledger.Messages.RawAsync("same@example.org", TestContext.Current.CancellationToken);
        Assert.Equal(message + "\n", Encoding.UTF8.GetString(raw!));
        using var c = ledger.Ledger.Connect();
        var packed = c.ExecuteScalar<long>("SELECT length(raw) FROM messages");
        Assert.True(packed < raw!.Length / 3, $"packed {packed} bytes of {raw.Length}");
    }

    [Fact]
    public async Task AFailureWhileReadingTheSourceSurfacesAsItselfAndKeepsTheBatchesBefore()
    {
        using var ledger = new TestLedger(batchSize: 2);
        var import = ledger.Import;

        var e = await Assert.ThrowsAsync<IOException>(() => import.ImportAsync(Failing(), listId: null, TestContext.Current.CancellationToken));

        Assert.Equal("disk went away", e.Message);
        Assert.Equal(4, await ledger.Messages.CountAsync(TestContext.Current.CancellationToken));

        static IEnumerable<Core.Ingest.RawMail> Failing()
        {
            for (int n = 0; n < 5; n++)
                yield return new Core.Ingest.RawMail(MailText.Bytes(MailText.Message(n, $"fail{n}@example.org")), $"test#{n}");
            throw new IOException("disk went away");
        }
    }
}
