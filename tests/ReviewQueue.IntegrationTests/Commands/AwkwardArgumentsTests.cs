using Microsoft.Data.Sqlite;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Commands;

/// <summary>
/// Command lines as people type them and scripts pass them: empty values, ids pasted from a browser, a file whose
/// name starts with '@', a value given twice. The demo mail of samples/ is the ledger.
/// </summary>
public sealed class AwkwardArgumentsTests : IDisposable
{
    const string Cover = "tmp42-v2.0@demo.example.org";
    readonly TempDir dir = new("rq-awkward");
    string Db => dir.File("ledger.db");

    RunResult Rq(string[] args, IDictionary<string, string>? env = null, string? workDir = null) =>
        ReviewQueueProgram.Run(["--db", Db, .. args], env: env, workDir: workDir);

    void ImportDemo()
    {
        var r = Rq(["import", RepoPaths.Of("samples", "demo.mbox")]);
        Assert.True(r.ExitCode == 0, r.Stderr);
    }

    /// <summary>An empty id is a command line without its argument (64), not a topic that was looked for and is not there (66).</summary>
    [Theory]
    [InlineData("show", "")]
    [InlineData("show", "  ")]
    [InlineData("am", "")]
    [InlineData("check", "")]
    [InlineData("check", " \t")]
    public void AnEmptyIdIsAUsageError(string command, string id)
    {
        ImportDemo();

        var r = Rq([command, id]);

        Assert.Equal(64, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Contains("ID|MSGID is empty", r.Stderr);
    }

    /// <summary>b4 am takes a Message-ID with or without brackets, as id:ID, or as the lore (or patchwork) link pasted from a browser.</summary>
    [Theory]
    [InlineData("id:" + Cover)]
    [InlineData("https://lore.kernel.org/r/" + Cover)]
    [InlineData("https://lore.kernel.org/all/" + Cover + "/")]
    [InlineData("https://lore.kernel.org/linux-hwmon/" + Cover + "/T/#u")]
    [InlineData("https://patch.msgid.link/" + Cover)]
    public void ShowAndAmTakeAMessageIdAsB4TakesIt(string typed)
    {
        ImportDemo();

        foreach (var command in new[] { "show", "am" })
        {
            var expected = Rq([command, $"<{Cover}>"]);
            Assert.True(expected.ExitCode == 0, expected.Stderr);
            var r = Rq([command, typed]);
            Assert.True(r.ExitCode == 0, $"{command} {typed}: {r.Stderr}");
            Assert.Equal(expected.Stdout, r.Stdout);
        }
    }

    [Fact]
    public void CheckTakesALoreLinkAsItTakesTheMessageId()
    {
        ImportDemo();
        var repo = dir.File("tree");
        CopyTree(RepoPaths.Of("samples", "demo-tree"), repo);
        Run.Git(repo, "init", "-q", "-b", "master");
        Run.Git(repo, "add", ".");
        Run.Git(repo, "-c", "user.name=A", "-c", "user.email=a@example.org", "commit", "-q", "-m", "demo");
        var env = new Dictionary<string, string> { ["Trees__0__Name"] = "demo", ["Trees__0__Path"] = repo, ["Trees__0__Branches__0"] = "master" };

        var expected = Rq(["check", Cover], env);
        var r = Rq(["check", "https://lore.kernel.org/linux-hwmon/" + Cover + "/"], env);

        Assert.True(expected.ExitCode == 0, expected.Stderr);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(expected.Stdout, r.Stdout);
    }

    /// <summary>
    /// An argument that starts with '@' is what it says (a file of that name), not a response file whose words replace it:
    /// `inspect @demo.mbox` read "demo.mbox" as a list of arguments.
    /// </summary>
    [Fact]
    public void AnArgumentStartingWithAtIsNotAResponseFile()
    {
        File.Copy(RepoPaths.Of("samples", "demo.mbox"), dir.File("@demo.mbox"));
        File.WriteAllText(dir.File("demo.mbox"), "--json\n");

        var r = Rq(["inspect", "@demo.mbox"], workDir: dir.Path);

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("hwmon: (tmp42) Input checks and an alarm", r.Stdout);
        Assert.DoesNotContain("[", r.Stdout[..1]); // not --json
    }

    /// <summary>A command line that does not parse says so on standard error: standard output, which a script reads as
    /// JSON or CSV, stays empty (help included).</summary>
    [Fact]
    public void AUsageErrorLeavesStandardOutputEmpty()
    {
        ImportDemo();

        var r = Rq(["series", "--json", "--state", "reviewed", "--state", "accepted"]);

        Assert.Equal(64, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Contains("'--state' expects a single argument", r.Stderr);
        Assert.Contains("Usage:", r.Stderr);
    }

    /// <summary>--list-id takes the List-Id as the header has it, so its mail counts with the list's other mail.</summary>
    [Theory]
    [InlineData("demo.example.org")]
    [InlineData("<demo.example.org>")]
    [InlineData(" Demo list <demo.example.org> ")]
    public void ListIdIsReadAsTheHeaderIs(string typed)
    {
        var r = Rq(["import", RepoPaths.Of("samples", "demo.mbox"), "--list-id", typed]);

        Assert.True(r.ExitCode == 0, r.Stderr);
        using var c = new SqliteConnection($"Data Source={Db};Pooling=False");
        c.Open();
        using var q = c.CreateCommand();
        q.CommandText = "SELECT DISTINCT list_id FROM messages";
        Assert.Equal("demo.example.org", q.ExecuteScalar());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("<>")]
    public void AnEmptyListIdIsAUsageError(string typed)
    {
        var r = Rq(["import", RepoPaths.Of("samples", "demo.mbox"), "--list-id", typed]);

        Assert.Equal(64, r.ExitCode);
        Assert.Contains("--list-id", r.Stderr);
        Assert.False(File.Exists(Db));
    }

    /// <summary>
    /// `backlog --json` opens the ledger read-only, and opening a named pipe read-only waits for a writer: `--db` naming
    /// one hung there for good, where every other command says it cannot open it (75).
    /// </summary>
    [Fact]
    public void ALedgerThatIsANamedPipeIsRefusedNotWaitedFor()
    {
        var fifo = dir.File("ledger.fifo");
        Assert.Equal(0, Run.Program("mkfifo", [fifo]).ExitCode);

        var r = Run.Program("dotnet", [ReviewQueueProgram.Dll, "--db", fifo, "backlog", "--json"], dir.Path,
            env: new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" }, timeout: TimeSpan.FromSeconds(60));

        Assert.Equal(75, r.ExitCode);
        Assert.Contains($"cannot open the ledger {fifo}", r.Stderr);
    }

    /// <summary>`am -o ""` ended in a stack trace (exit 1); `-o -` wrote a file named "-" where b4 am -o - writes to
    /// standard output; `-o DIR` said "Access to the path is denied", which reads as a permission problem.</summary>
    [Fact]
    public void AmOutputIsAFileOrStandardOutput()
    {
        ImportDemo();
        var expected = Rq(["am", Cover]);
        Assert.True(expected.ExitCode == 0, expected.Stderr);

        var empty = Rq(["am", Cover, "-o", ""]);
        Assert.Equal((64, ""), (empty.ExitCode, empty.Stdout));
        Assert.Contains("reviewqueue: am: -o is empty", empty.Stderr);
        Assert.DoesNotContain("   at ", empty.Stderr);

        var dash = Rq(["am", Cover, "-o", "-"], workDir: dir.Path);
        Assert.Equal((0, expected.Stdout), (dash.ExitCode, dash.Stdout));
        Assert.False(File.Exists(dir.File("-")));

        var folder = Rq(["am", Cover, "-o", dir.Path]);
        Assert.Equal(73, folder.ExitCode);
        Assert.Equal($"reviewqueue: am: cannot write {dir.Path}: it is a folder; give the mbox file's name\n", folder.Stderr);
    }

    /// <summary>
    /// A --maintainers file with no section in it (the tree's file list given for MAINTAINERS, a binary file) was
    /// answered "sections:" and nothing, exit 0, and stored in the ledger as its MAINTAINERS: `subsystems` then had
    /// none. It is refused, naming the file, and the ledger keeps the MAINTAINERS it had.
    /// </summary>
    [Fact]
    public void AMaintainersFileWithoutSectionsIsRefusedAndNotStored()
    {
        var good = Rq(["maintainers", "--maintainers", RepoPaths.Of("samples", "demo-tree", "MAINTAINERS"), "drivers/hwmon/"]);
        Assert.True(good.ExitCode == 0, good.Stderr);

        var wrong = RepoPaths.Of("samples", "demo-tree-files.txt");
        var r = Rq(["maintainers", "--maintainers", wrong, "drivers/hwmon/"]);

        Assert.Equal((78, ""), (r.ExitCode, r.Stdout));
        Assert.Contains($"{wrong} holds no MAINTAINERS section", r.Stderr);
        var kept = Rq(["subsystems"]);
        Assert.True(kept.ExitCode == 0, kept.Stderr);
        Assert.Contains("DEMO HARDWARE MONITORING", kept.Stdout);
    }

    /// <summary>An empty name is a command line without it (64), as `digest subscribe ""` says already, not a section or a
    /// subscription looked for and not found (66).</summary>
    [Theory]
    [InlineData("backlog", "--subsystem", "")]
    [InlineData("backlog", "--subsystem", "  ")]
    [InlineData("digest", "unsubscribe", "")]
    [InlineData("digest", "preview", " ")]
    public void AnEmptyNameIsAUsageError(string command, string option, string value)
    {
        ImportDemo();

        var r = Rq([command, option, value]);

        Assert.Equal((64, ""), (r.ExitCode, r.Stdout));
        Assert.Contains("is empty", r.Stderr);
    }

    /// <summary>
    /// Piped, the columns line up on a terminal's columns: an author named in CJK letters (two columns each) pushed the
    /// title of its row two columns right per letter, the padding counted in letters.
    /// </summary>
    [Fact]
    public void PipedColumnsLineUpWithWideLetters()
    {
        var demo = File.ReadAllText(RepoPaths.Of("samples", "demo.mbox"));
        int at = demo.IndexOf("Message-Id: <fan17-fix.0@demo.example.org>", StringComparison.Ordinal);
        int start = demo.LastIndexOf("\nFrom ", at, StringComparison.Ordinal) + 1;
        int end = demo.IndexOf("\nFrom ", at, StringComparison.Ordinal);
        var mail = demo[start..(end < 0 ? demo.Length : end + 1)];
        var wide = System.Text.RegularExpressions.Regex.Replace(mail, "(?m)^From: .*$", "From: =?UTF-8?B?5byg5LiJ?= <zhang@example.com>")
            .Replace("fan17-fix.0@demo", "wide.0@demo");
        File.WriteAllText(dir.File("wide.mbox"), mail + wide);
        Assert.Equal(0, Rq(["import", dir.File("wide.mbox")]).ExitCode);

        var lines = Rq(["series"]).Stdout.TrimEnd('\n').Split('\n');

        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains("张三"));
        var columns = lines.Select(l => Columns(l[..l.IndexOf(l.StartsWith("id") ? "title" : "hwmon:", StringComparison.Ordinal)])).ToList();
        Assert.All(columns, c => Assert.Equal(columns[0], c));
    }

    // Columns of a terminal: a CJK letter takes two.
    static int Columns(string text) => text.Sum(c => c is >= '\u4e00' and <= '\u9fff' ? 2 : 1);

    static void CopyTree(string from, string to)
    {
        foreach (var d in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, d)));
        Directory.CreateDirectory(to);
        foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(f, Path.Combine(to, Path.GetRelativePath(from, f)));
    }

    public void Dispose() => dir.Dispose();
}
