using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Import;

public sealed class PublicInboxImportTests
{
    /// <summary>
    /// Builds a v2 epoch the way public-inbox writes one: a bare repository, one commit per message,
    /// each commit's tree holding the raw message as blob "m"; a commit without "m" is a deletion.
    /// </summary>
    static string BuildEpoch(string root, IReadOnlyList<string?> messages)
    {
        var work = Path.Combine(root, "work");
        Directory.CreateDirectory(work);
        Run.Git(work, "init", "-q", "-b", "master");
        foreach (var (message, i) in messages.Select((m, i) => (m, i)))
        {
            var m = Path.Combine(work, "m");
            if (message is null)
            {
                Run.Git(work, "rm", "-q", "m");
                Run.Git(work, "commit", "-q", "-m", "deletion");
                continue;
            }
            File.WriteAllText(m, message);
            Run.Git(work, "add", "m");
            Run.Git(work, "commit", "-q", "-m", $"message {i}");
        }
        var epoch = Path.Combine(root, "0.git");
        Run.Git(root, "clone", "-q", "--bare", work, epoch);
        return epoch;
    }

    [Fact]
    public async Task AnEpochsMessagesAreStoredOldestFirstAndDeletionsSkipped()
    {
        using var ledger = new TestLedger();
        var epoch = BuildEpoch(ledger.Dir.Path,
        [
            MailText.Message(1, "pi1@example.org"),
            MailText.Message(2, "pi2@example.org"),
            null,
            MailText.Message(3, "pi3@example.org"),
        ]);

        var first = await ledger.ImportAsync(epoch);
        var again = await ledger.ImportAsync(epoch);

        Assert.Equal("public-inbox", first.Sources[0].Format);
        Assert.Equal((3, 3, 0), (first.Read, first.New, first.Rejected));
        Assert.Equal((0, 3), (again.New, again.Duplicate));
        var ids = (await ledger.Messages.ListAsync(TestContext.Current.CancellationToken)).Select(m => m.MessageId);
        Assert.Equal(["pi1@example.org", "pi2@example.org", "pi3@example.org"], ids);
    }

    [Fact]
    public async Task AFolderInsideAWorkingTreeIsNotMistakenForAnEpoch()
    {
        using var ledger = new TestLedger();
        var work = ledger.Dir.File("tree");
        Directory.CreateDirectory(Path.Combine(work, "plain"));
        Run.Git(work, "init", "-q");

        var e = await Assert.ThrowsAsync<ReviewQueue.Import.ImportProblem>(() => ledger.ImportAsync(Path.Combine(work, "plain")));
        Assert.Contains("neither a maildir", e.Message);
    }
}
