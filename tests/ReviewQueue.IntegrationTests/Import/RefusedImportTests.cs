using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Import;

/// <summary>
/// An import refused before any mail is read (a mistyped path, an xz file, a git repository that holds no mail) makes no
/// ledger: a typo in `reviewqueue --db new.db import …` leaves nothing on the disk, as a reading command's mistyped --db does.
/// </summary>
public sealed class RefusedImportTests
{
    [Theory]
    [InlineData("missing", 66, "no such file or directory")]
    [InlineData("xz", 66, "compressed with xz")]
    [InlineData("repository", 66, "not a public-inbox epoch")]
    [InlineData("folder", 66, "neither a maildir")]
    [InlineData("delivery", 75, "no such file or directory")]
    public void AnImportRefusedBeforeReadingMailCreatesNoLedger(string what, int exit, string said)
    {
        using var dir = new TempDir("rq-refused");
        var source = dir.File(what);
        switch (what)
        {
            case "xz":
                File.WriteAllBytes(source, [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00, 1, 2, 3]);
                break;
            case "repository":
                Directory.CreateDirectory(source);
                Run.Git(source, "init", "-q");
                File.WriteAllText(Path.Combine(source, "README"), "not mail\n");
                Run.Git(source, "add", "-A");
                Run.Git(source, "commit", "-q", "-m", "readme");
                break;
            case "folder":
                Directory.CreateDirectory(source);
                break;
        }
        var db = Path.Combine(dir.Path, "new", "ledger.db");
        string[] paths = what == "delivery" ? ["-", source] : [source];
        var r = ReviewQueueProgram.Run(["--db", db, "import", .. paths], stdin: "Subject: x\n\nbody\n"u8.ToArray(), workDir: dir.Path);

        Assert.Equal(exit, r.ExitCode);
        Assert.Contains(said, r.Stderr);
        Assert.Empty(r.Stdout);
        Assert.False(Directory.Exists(Path.GetDirectoryName(db)), "no ledger, nor its folder, is made");
    }

    [Fact]
    public void AnImportIntoANewLedgerStillCreatesIt()
    {
        using var dir = new TempDir("rq-refused");
        var mbox = dir.File("one.mbox");
        File.WriteAllText(mbox, "From x Mon Sep 17 00:00:00 2001\nFrom: A <a@example.org>\nSubject: hello\n" +
            "Date: Mon, 5 Jan 2026 10:00:00 +0000\nMessage-ID: <one@example.org>\n\nbody\n");
        var db = Path.Combine(dir.Path, "new", "ledger.db");

        var r = ReviewQueueProgram.Run(["--db", db, "import", mbox], workDir: dir.Path);

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.StartsWith("read 1, new 1,", r.Stdout);
        Assert.True(File.Exists(db));
    }

    [Fact]
    public void AMistypedPathIntoAnExistingLedgerIsSaidAloneWithoutTheMaintainersWarning()
    {
        // The MAINTAINERS the rebuild will want is read while the mail is; a refused path reads no mail, so standard error
        // says only what was wrong, not first that no MAINTAINERS is configured.
        using var dir = new TempDir("rq-refused");
        var mbox = dir.File("one.mbox");
        File.WriteAllText(mbox, "From x Mon Sep 17 00:00:00 2001\nFrom: A <a@example.org>\nSubject: hello\n" +
            "Date: Mon, 5 Jan 2026 10:00:00 +0000\nMessage-ID: <one@example.org>\n\nbody\n");
        var db = Path.Combine(dir.Path, "ledger.db");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", mbox], workDir: dir.Path).ExitCode);

        var r = ReviewQueueProgram.Run(["--db", db, "import", dir.File("nothere.mbox")], workDir: dir.Path);

        Assert.Equal(66, r.ExitCode);
        Assert.Equal([$"reviewqueue: import: {dir.File("nothere.mbox")}: no such file or directory"],
            r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
