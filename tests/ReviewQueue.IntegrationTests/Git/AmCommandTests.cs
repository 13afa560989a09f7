using System.Text.Json;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Git;

/// <summary>`am` as the maintainer applying a patch uses it.</summary>
public sealed class AmCommandTests : IDisposable
{
    readonly TempDir dir = new("rq-amcmd");

    /// <summary>
    /// The maintainer takes a patch with `am --add-link`, fixes it on the way in (other code, other title), and the sync
    /// still finds it: by the Link: trailer, the only evidence left when neither the diff nor the title is the posted one.
    /// </summary>
    /// <param name="archiveUrl">Archive:Url (null: the default, lore's /r/, as b4's default link mask).</param>
    [Theory]
    [InlineData(null, "https://lore.kernel.org/r/")]
    [InlineData("https://lists.example.org/archives/html/xen-devel", "https://lists.example.org/archives/html/xen-devel/")]
    public void APatchTakenWithAddLinkAndRewrittenOnTheWayInIsFoundMergedByItsLink(string? archiveUrl, string linkBase)
    {
        var repo = Path.Combine(dir.Path, "repo");
        Directory.CreateDirectory(repo);
        Run.Git(repo, "init", "-q", "-b", "master");
        File.WriteAllText(Path.Combine(repo, "demo.c"), "int a;\nint b;\nint c;\n");
        Run.Git(repo, "add", ".");
        Run.Git(repo, "commit", "-q", "-m", "demo: start");
        Run.Git(repo, "checkout", "-q", "-b", "developer");
        File.WriteAllText(Path.Combine(repo, "demo.c"), "int a;\nint b2;\nint c;\n");
        Run.Git(repo, "commit", "-q", "-a", "-m", "demo: rename b\n\nSigned-off-by: Ada Author <ada@example.org>");
        File.WriteAllText(dir.File("patch.mbox"), Run.Git(repo, "format-patch", "-q", "--stdout", "--thread=shallow", "-1").Stdout);
        Run.Git(repo, "checkout", "-q", "master");
        var env = new Dictionary<string, string>
        {
            ["Trees__0__Name"] = "demo",
            ["Trees__0__Path"] = repo,
            ["Trees__0__Branches__0"] = "master",
        };
        if (archiveUrl is not null)
            env["Archive__Url"] = archiveUrl;
        RunResult Rq(params string[] args)
        {
            var r = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), .. args], env: env);
            Assert.True(r.ExitCode == 0, $"reviewqueue {string.Join(' ', args)}: {r.Stderr}");
            return r;
        }
        Rq("import", dir.File("patch.mbox"));
        var topic = JsonDocument.Parse(Rq("series", "--json").Stdout).RootElement[0];
        var messageId = topic.GetProperty("revisions")[0].GetProperty("patches")[0].GetProperty("message_id").GetString()!;

        Rq("am", topic.GetProperty("id").GetString()!, "--add-link", "-o", dir.File("am.mbox"));
        Run.Git(repo, "am", "-q", dir.File("am.mbox"));
        var message = Run.Git(repo, "log", "-1", "--format=%B").Stdout;
        Assert.Contains($"\nLink: {linkBase}{messageId}\n", message);
        File.WriteAllText(Path.Combine(repo, "demo.c"), "int a;\nint b_renamed;\nint c;\n");
        Run.Git(repo, "commit", "-q", "-a", "--amend", "-m", message.Replace("demo: rename b", "demo: give b a clearer name"));
        Rq("trees", "sync");

        var patch = JsonDocument.Parse(Rq("show", messageId, "--json").Stdout).RootElement
            .GetProperty("revisions")[0].GetProperty("patches")[0];
        Assert.Equal("link", patch.GetProperty("merged").GetProperty("evidence").GetString());
        Assert.Equal(Run.Git(repo, "rev-parse", "HEAD").Stdout.Trim(), patch.GetProperty("merged").GetProperty("commit").GetString());
    }

    /// <summary>A ledger holding one patch made by git format-patch; its topic id and Message-ID.</summary>
    (string Db, string Topic, string MessageId) OnePatch()
    {
        var repo = Path.Combine(dir.Path, "repo");
        Directory.CreateDirectory(repo);
        Run.Git(repo, "init", "-q", "-b", "master");
        File.WriteAllText(Path.Combine(repo, "demo.c"), "int a;\n");
        Run.Git(repo, "add", ".");
        Run.Git(repo, "commit", "-q", "-m", "demo: start");
        File.WriteAllText(Path.Combine(repo, "demo.c"), "int a1;\n");
        Run.Git(repo, "commit", "-q", "-a", "-m", "demo: rename a\n\nThe name says more.\n\nSigned-off-by: Ada Author <ada@example.org>");
        File.WriteAllText(dir.File("patch.mbox"), Run.Git(repo, "format-patch", "-q", "--stdout", "--thread=shallow", "-1").Stdout);
        var db = dir.File("ledger.db");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", dir.File("patch.mbox")]).ExitCode);
        var topic = JsonDocument.Parse(ReviewQueueProgram.Run(["--db", db, "series", "--json"]).Stdout).RootElement[0];
        return (db, topic.GetProperty("id").GetString()!,
            topic.GetProperty("revisions")[0].GetProperty("patches")[0].GetProperty("message_id").GetString()!);
    }

    /// <summary>-o into a folder that is not there (or not writable): a message naming the file and EX_CANTCREAT, no stack trace.</summary>
    [Fact]
    public void AnOutputFileThatCannotBeWrittenIsNamedWithoutAStackTrace()
    {
        var (db, topic, _) = OnePatch();

        var target = dir.File("no/such/folder/am.mbox");
        var r = ReviewQueueProgram.Run(["--db", db, "am", topic, "-o", target]);

        Assert.Equal(73, r.ExitCode);
        Assert.StartsWith($"reviewqueue: am: cannot write {target}: ", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    /// <summary>With the default archive, the message body of `am -l` is b4's (0.12) byte for byte, its Link: line among it.</summary>
    [Fact]
    public void AddLinkWritesWhatB4AmDashLWrites()
    {
        if (!File.Exists("/usr/bin/b4"))
            Assert.Skip("Debian's b4 (/usr/bin/b4) is not installed");
        var (db, topic, messageId) = OnePatch();
        var ours = dir.File("ours.mbox");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "am", topic, "-l", "-o", ours]).ExitCode);

        var outDir = Directory.CreateDirectory(dir.File("b4")).FullName;
        var b4 = Run.Program("/usr/bin/b4", ["--offline-mode", "-n", "-q", "am", "-m", dir.File("patch.mbox"), "-l", "-o", outDir, messageId],
            dir.Path, []);
        Assert.True(b4.ExitCode == 0, $"b4 am -l exited {b4.ExitCode}: {b4.Stderr}");
        var theirs = File.ReadAllText(Assert.Single(Directory.GetFiles(outDir, "*.mbx")));

        Assert.Contains($"\nLink: https://lore.kernel.org/r/{messageId}\n", theirs);
        // The headers are the same set in another order; what git am makes the commit of (the body) is the same bytes.
        static string Body(string mbox) => mbox[(mbox.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
        Assert.Equal(Body(theirs), Body(File.ReadAllText(ours)));
    }

    /// <summary>Archive:Url empty (a private list): nothing to link to, so -l is refused as the configuration's doing, EX_CONFIG.</summary>
    [Fact]
    public void AddLinkWithoutAnArchiveIsRefusedNamingTheSetting()
    {
        var (db, topic, _) = OnePatch();

        var r = ReviewQueueProgram.Run(["--db", db, "am", topic, "--add-link"], env: new Dictionary<string, string> { ["Archive__Url"] = "" });

        Assert.Equal(78, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Contains("reviewqueue: am: --add-link: no archive to link to (Archive:Url", r.Stderr);
        // Without -l the same configuration writes the mbox.
        var plain = ReviewQueueProgram.Run(["--db", db, "am", topic], env: new Dictionary<string, string> { ["Archive__Url"] = "" });
        Assert.Equal(0, plain.ExitCode);
        Assert.DoesNotContain("Link:", plain.Stdout);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
