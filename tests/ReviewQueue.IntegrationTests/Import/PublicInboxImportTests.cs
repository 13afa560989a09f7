using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Import;

public sealed class PublicInboxImportTests
{
    /// <summary>A message commit (blob "m") or, as public-inbox writes a removal, blob "d" holding the removed message.</summary>
    static (string File, string Text) M(string text) => ("m", text);
    static (string File, string Text) D(string text) => ("d", text);
    /// <summary>A commit whose tree is empty: the older public-inbox-purge dropped the purged message's "m" this way.</summary>
    static (string File, string Text) Purged() => ("", "");

    /// <summary>
    /// Builds a v2 epoch the way public-inbox writes one: a bare repository, one commit per message,
    /// each commit's tree holding only the raw message as blob "m", or "d" for a message removed later.
    /// </summary>
    static string BuildEpoch(string root, IReadOnlyList<(string File, string Text)> commits, string name = "0.git")
    {
        var work = Path.Combine(root, name + ".work");
        Directory.CreateDirectory(work);
        Run.Git(work, "init", "-q", "-b", "master");
        foreach (var ((file, text), i) in commits.Select((c, i) => (c, i)))
        {
            foreach (var old in new[] { "m", "d" }.Select(f => Path.Combine(work, f)).Where(File.Exists))
                File.Delete(old);
            if (file != "")
                File.WriteAllText(Path.Combine(work, file), text);
            Run.Git(work, "add", "-A");
            Run.Git(work, "commit", "-q", "--allow-empty", "-m", file == "m" ? $"message {i}" : "removal");
        }
        var epoch = Path.Combine(root, name);
        Run.Git(root, "clone", "-q", "--bare", work, epoch);
        return epoch;
    }

    [Fact]
    public async Task AnEpochsMessagesAreStoredOldestFirst()
    {
        using var ledger = new TestLedger();
        var epoch = BuildEpoch(ledger.Dir.Path,
        [
            M(MailText.Message(1, "pi1@example.org")),
            M(MailText.Message(2, "pi2@example.org")),
            M(MailText.Message(3, "pi3@example.org")),
        ]);

        var first = await ledger.ImportAsync(epoch);
        var again = await ledger.ImportAsync(epoch);

        Assert.Equal("public-inbox", first.Sources[0].Format);
        Assert.Equal((3, 3, 0), (first.Read, first.New, first.Rejected));
        Assert.Equal((0, 0, 0, 3), (again.Read, again.New, again.Duplicate, again.ReadBefore));
        var ids = (await ledger.Messages.ListAsync(TestContext.Current.CancellationToken)).Select(m => m.MessageId);
        Assert.Equal(["pi1@example.org", "pi2@example.org", "pi3@example.org"], ids);
    }

    /// <summary>
    /// A lore mirror is fetched again and again (grokmirror, `git fetch`): each import reads the commits after the one
    /// the last import into this ledger stopped at, not the whole archive; a history rewritten under it (public-inbox-purge)
    /// is read again whole, its stored mail a duplicate.
    /// </summary>
    [Fact]
    public async Task AnEpochFetchedAgainIsReadFromWhereTheLastImportStopped()
    {
        using var ledger = new TestLedger();
        var epoch = BuildEpoch(ledger.Dir.Path, [M(MailText.Message(1, "pi1@example.org")), M(MailText.Message(2, "pi2@example.org"))]);
        var work = epoch + ".work";
        var mirror = Path.Combine(ledger.Dir.Path, "mirror.git");
        Run.Git(ledger.Dir.Path, "clone", "-q", "--mirror", epoch, mirror);

        var first = await ledger.ImportAsync(mirror);
        File.WriteAllText(Path.Combine(work, "m"), MailText.Message(3, "pi3@example.org"));
        Run.Git(work, "commit", "-q", "-am", "message 3");
        Run.Git(work, "push", "-q", epoch, "master");
        Run.Git(mirror, "fetch", "-q");
        var fetched = await ledger.ImportAsync(mirror);
        var nothingNew = await ledger.ImportAsync(mirror);
        // The same epoch elsewhere (another copy of the mirror) is the same archive: known by its first commit.
        var copy = Path.Combine(ledger.Dir.Path, "copy.git");
        Run.Git(ledger.Dir.Path, "clone", "-q", "--bare", mirror, copy);
        var elsewhere = await ledger.ImportAsync(copy);

        Assert.Equal((2, 2, 0), (first.Read, first.New, first.ReadBefore));
        Assert.Equal((1, 1, 0, 2), (fetched.Read, fetched.New, fetched.Duplicate, fetched.ReadBefore));
        Assert.Equal((0, 3), (nothingNew.Read, nothingNew.ReadBefore));
        Assert.Equal((0, 3), (elsewhere.Read, elsewhere.ReadBefore));

        // History rewritten: message 3's commit replaced (as a purge rewrites from the purged message on).
        Run.Git(work, "commit", "-q", "--amend", "-m", "message 3, rewritten");
        Run.Git(work, "push", "-q", "--force", epoch, "master");
        Run.Git(mirror, "fetch", "-q", "--force");
        var rewritten = await ledger.ImportAsync(mirror);
        Assert.Equal((3, 0, 3, 0), (rewritten.Read, rewritten.New, rewritten.Duplicate, rewritten.ReadBefore));
        Assert.Equal(3, await ledger.Messages.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void AMessageTheArchiveRemovedLaterIsNotStoredAndTheSummaryCountsIt()
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        var spam = MailText.Message(2, "pi2@example.org");
        var epoch = BuildEpoch(dir.Path,
        [
            M(MailText.Message(1, "pi1@example.org")),
            M(spam),
            M(MailText.Message(3, "pi3@example.org")),
            D(spam),
            M(MailText.Message(4, "pi4@example.org")),
        ]);

        var json = ReviewQueueProgram.Run(["--db", db, "import", epoch, "--json"]);
        var text = ReviewQueueProgram.Run(["--db", db, "import", epoch]);

        Assert.True(json.ExitCode == 0, json.Stderr);
        var summary = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal((3, 3, 1), (summary.GetProperty("read").GetInt32(), summary.GetProperty("new").GetInt32(), summary.GetProperty("removed").GetInt32()));
        Assert.Equal(1, summary.GetProperty("sources")[0].GetProperty("removed").GetInt32());
        Assert.True(text.ExitCode == 0, text.Stderr);
        Assert.StartsWith("read 0, new 0, duplicate 0, rejected 0 in ", text.Stdout);
        // The messages the first import went through, 3 read and 1 removed; the removal's own commit ("d") is none.
        Assert.Contains("; 4 read by an earlier import, not read again", text.Stdout);
        using var c = new SqliteConnection($"Data Source={db}");
        Assert.Equal(["pi1@example.org", "pi3@example.org", "pi4@example.org"], c.Query<string>("SELECT message_id FROM messages ORDER BY message_id"));
    }

    [Fact]
    public async Task AMessageRemovedInALaterEpochIsNotStoredWhenBothAreImportedTogether()
    {
        using var ledger = new TestLedger();
        var spam = MailText.Message(1, "pi1@example.org");
        var epoch0 = BuildEpoch(ledger.Dir.Path, [M(spam), M(MailText.Message(2, "pi2@example.org"))], "0.git");
        var epoch1 = BuildEpoch(ledger.Dir.Path, [M(MailText.Message(3, "pi3@example.org")), D(spam)], "1.git");

        var summary = await ledger.ImportAsync(epoch0, epoch1);

        Assert.Equal((2, 2, 1), (summary.Read, summary.New, summary.Removed));
        Assert.Equal([1, 0], summary.Sources.Select(s => s.Removed));
        var ids = (await ledger.Messages.ListAsync(TestContext.Current.CancellationToken)).Select(m => m.MessageId);
        Assert.Equal(["pi2@example.org", "pi3@example.org"], ids);
    }

    [Fact]
    public async Task AMessageLearnedAgainAfterItsRemovalIsStored()
    {
        using var ledger = new TestLedger();
        var ham = MailText.Message(1, "pi1@example.org");
        var epoch = BuildEpoch(ledger.Dir.Path, [M(ham), D(ham), M(ham)]);

        var summary = await ledger.ImportAsync(epoch);

        Assert.Equal((2, 1, 1, 0), (summary.Read, summary.New, summary.Duplicate, summary.Removed));
    }

    [Fact]
    public async Task AGitRepositoryOfOrdinaryFilesIsRefusedWithoutStoringAnything()
    {
        using var ledger = new TestLedger();
        var tree = ledger.Dir.File("tree");
        Directory.CreateDirectory(tree);
        Run.Git(tree, "init", "-q", "-b", "master");
        foreach (var i in new[] { 1, 2 })
        {
            File.WriteAllText(Path.Combine(tree, "README"), $"version {i}\n");
            File.WriteAllText(Path.Combine(tree, "Makefile"), "all:\n");
            Run.Git(tree, "add", "-A");
            Run.Git(tree, "commit", "-q", "-m", $"change {i}");
        }

        var cli = ReviewQueueProgram.Run(["--db", ledger.Dir.File("cli.db"), "import", tree]);
        var e = await Assert.ThrowsAsync<ReviewQueue.Import.ImportProblem>(() => ledger.ImportAsync(tree));

        Assert.Equal(66, cli.ExitCode);
        Assert.Contains("not a public-inbox epoch", cli.Stderr);
        Assert.Contains("holds Makefile, README", cli.Stderr);
        Assert.Empty(cli.Stdout);
        Assert.Contains("not a public-inbox epoch", e.Message);
        Assert.Empty(await ledger.Messages.ListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnEpochWhoseOlderCommitsHoldOtherFilesIsRefused()
    {
        using var ledger = new TestLedger();
        var tree = ledger.Dir.File("tree");
        Directory.CreateDirectory(tree);
        Run.Git(tree, "init", "-q", "-b", "master");
        File.WriteAllText(Path.Combine(tree, "notes.txt"), "not mail\n");
        Run.Git(tree, "add", "-A");
        Run.Git(tree, "commit", "-q", "-m", "notes");
        File.Delete(Path.Combine(tree, "notes.txt"));
        File.WriteAllText(Path.Combine(tree, "m"), MailText.Message(1, "pi1@example.org"));
        Run.Git(tree, "add", "-A");
        Run.Git(tree, "commit", "-q", "-m", "message");

        var e = await Assert.ThrowsAsync<ReviewQueue.Import.ImportProblem>(() => ledger.ImportAsync(tree));

        Assert.Contains("holds notes.txt", e.Message);
        Assert.Empty(await ledger.Messages.ListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void ANewEpochWithoutAnyCommitIsZeroMessagesAndExitsZero()
    {
        using var dir = new TempDir();
        var epoch = dir.File("0.git");
        Directory.CreateDirectory(epoch);
        Run.Git(epoch, "init", "-q", "--bare", "-b", "master");

        var import = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), "import", epoch, "--json"]);

        Assert.True(import.ExitCode == 0, $"exit {import.ExitCode}: {import.Stderr}");
        var summary = JsonDocument.Parse(import.Stdout).RootElement;
        Assert.Equal(0, summary.GetProperty("read").GetInt32());
        Assert.Equal("public-inbox", summary.GetProperty("sources")[0].GetProperty("format").GetString());
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

    [Fact]
    public async Task APurgedMessageIsCountedAsRemovedAndTheRestOfTheEpochIsStored()
    {
        // public-inbox-purge rewrites the epoch: the purged message's commit keeps an empty blob "m" (1.7 and later),
        // or, in older versions, no "m" at all, which leaves the first commit of an epoch with an empty tree.
        using var ledger = new TestLedger();
        var epoch = BuildEpoch(ledger.Dir.Path,
        [
            Purged(),
            M(MailText.Message(1, "pi1@example.org")),
            M(""),
            M(MailText.Message(2, "pi2@example.org")),
        ]);

        var summary = await ledger.ImportAsync(epoch);

        Assert.Equal((2, 2, 0, 2), (summary.Read, summary.New, summary.Rejected, summary.Removed));
        var ids = (await ledger.Messages.ListAsync(TestContext.Current.CancellationToken)).Select(m => m.MessageId);
        Assert.Equal(["pi1@example.org", "pi2@example.org"], ids);
    }

    /// <summary>
    /// A v2 inbox as public-inbox-clone or grokmirror leave it: INBOX/git/0.git, 1.git, … and INBOX/all.git,
    /// an empty repository whose objects/info/alternates names every epoch's objects.
    /// </summary>
    static string BuildInbox(string root, IReadOnlyList<IReadOnlyList<(string File, string Text)>> epochs)
    {
        var inbox = Path.Combine(root, "linux-hwmon");
        var git = Path.Combine(inbox, "git");
        Directory.CreateDirectory(git);
        foreach (var (commits, n) in epochs.Select((c, n) => (c, n)))
            BuildEpoch(git, commits, $"{n}.git");
        var all = Path.Combine(inbox, "all.git");
        Directory.CreateDirectory(all);
        Run.Git(all, "init", "-q", "--bare", "-b", "master");
        File.WriteAllLines(Path.Combine(all, "objects", "info", "alternates"), epochs.Select((_, n) => $"../../git/{n}.git/objects"));
        return inbox;
    }

    [Fact]
    public async Task AnInboxFolderIsItsEpochsInNumericOrder()
    {
        // Eleven epochs: a shell glob (git/*.git) or a plain sort would read 10.git before 2.git.
        using var ledger = new TestLedger();
        var spam = MailText.Message(1, "pi1@example.org");
        var epochs = Enumerable.Range(0, 11)
            .Select(n => (IReadOnlyList<(string, string)>)[M(MailText.Message(n + 1, $"pi{n + 1}@example.org"))])
            .Append([D(spam)])
            .ToList();
        var inbox = BuildInbox(ledger.Dir.Path, epochs);

        var summary = await ledger.ImportAsync(inbox);

        Assert.Equal((10, 10, 1), (summary.Read, summary.New, summary.Removed));
        Assert.Equal([(inbox, "public-inbox", 10, 1)], summary.Sources.Select(s => (s.Path, s.Format, s.Read, s.Removed)));
        var ids = (await ledger.Messages.ListAsync(TestContext.Current.CancellationToken)).Select(m => m.MessageId);
        Assert.Equal(Enumerable.Range(2, 10).Select(n => $"pi{n}@example.org"), ids);
    }

    [Fact]
    public void AnInboxsAllGitIsRefusedNamingTheInbox()
    {
        // all.git holds no commit of its own: read as an empty epoch it would say "read 0" over a whole archive.
        using var dir = new TempDir();
        var inbox = BuildInbox(dir.Path, [[M(MailText.Message(1, "pi1@example.org"))]]);

        var import = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), "import", Path.Combine(inbox, "all.git")]);

        Assert.Equal(66, import.ExitCode);
        Assert.Contains("all.git", import.Stderr);
        Assert.Contains($"import the inbox {inbox}", import.Stderr);
        Assert.Empty(import.Stdout);
    }

    [Fact]
    public async Task ARepositoryOfOnlyAnEmptyFirstCommitIsRefusedNotTakenForAPurgedInbox()
    {
        using var ledger = new TestLedger();
        var tree = ledger.Dir.File("new-project");
        Directory.CreateDirectory(tree);
        Run.Git(tree, "init", "-q", "-b", "master");
        Run.Git(tree, "commit", "-q", "--allow-empty", "-m", "Initial commit");

        var e = await Assert.ThrowsAsync<ReviewQueue.Import.ImportProblem>(() => ledger.ImportAsync(tree));

        Assert.Contains("not a public-inbox epoch: its commits hold nothing", e.Message);
    }
}
