using System.Net.Http;
using Microsoft.Data.Sqlite;
using ReviewQueue.IntegrationTests.MailStack;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Samples;

public sealed class DemoSamplesTests
{
    [Fact]
    public void TheCommittedDemoIsWhatTheScriptMakes()
    {
        using var dir = new TempDir();
        var samples = Path.Combine(dir.Path, "samples");
        Directory.CreateDirectory(samples);
        File.Copy(RepoPaths.Of("samples", "make-demo.sh"), Path.Combine(samples, "make-demo.sh"));

        var r = Run.Program("bash", [Path.Combine(samples, "make-demo.sh")], samples);

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(File.ReadAllText(RepoPaths.Of("samples", "demo.mbox")), File.ReadAllText(Path.Combine(samples, "demo.mbox")));
        Assert.Equal(File.ReadAllText(RepoPaths.Of("samples", "demo-tree-files.txt")), File.ReadAllText(Path.Combine(samples, "demo-tree-files.txt")));
        var expected = Directory.EnumerateFiles(RepoPaths.Of("samples", "demo-tree"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.Of("samples", "demo-tree"), f)).Order().ToList();
        var made = Directory.EnumerateFiles(Path.Combine(samples, "demo-tree"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(samples, "demo-tree"), f)).Order().ToList();
        Assert.Equal(expected, made);
        foreach (var f in expected)
            Assert.Equal(File.ReadAllText(RepoPaths.Of("samples", "demo-tree", f)), File.ReadAllText(Path.Combine(samples, "demo-tree", f)));
    }

    [Fact]
    public async Task TheDemoMboxImportsWhole()
    {
        using var ledger = new TestLedger();

        var summary = await ledger.ImportAsync(RepoPaths.Of("samples", "demo.mbox"));

        Assert.Equal("mboxrd", summary.Sources[0].Format);
        Assert.Equal((24, 24, 0), (summary.Read, summary.New, summary.Rejected));
        var rows = await ledger.Messages.ListAsync(TestContext.Current.CancellationToken);
        Assert.Contains(rows, r => r.MessageId == "tmp42-v2.0@demo.example.org" && r.Subject == "[PATCH v2 0/3] hwmon: (tmp42) Input checks and an alarm");
        Assert.Contains(rows, r => r.FromEmail == "lkp@intel.com");
    }

    [Fact]
    public async Task RunImportsTheDemoMailOnceAndServes()
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        var port = MailPrograms.FreePort();
        var env = new Dictionary<string, string> { ["Web__Urls"] = $"http://127.0.0.1:{port}" };

        for (int round = 0; round < 2; round++)
        {
            using var child = RunProcess.Start(db, env);
            try
            {
                using var http = new HttpClient();
                var deadline = DateTime.UtcNow.AddSeconds(60);
                string? health = null;
                // Done means the worker recorded the import (after the topics were assembled).
                while (DateTime.UtcNow < deadline && (health is null || Count(db) < 24 || !Marked(db)))
                {
                    Assert.False(child.HasExited, "reviewqueue run exited");
                    try { health = await http.GetStringAsync($"http://127.0.0.1:{port}/healthz", TestContext.Current.CancellationToken); }
                    catch (HttpRequestException) { }
                    await Task.Delay(100, TestContext.Current.CancellationToken);
                }
                Assert.Equal("ok", health);
                Assert.Equal(24, Count(db));
            }
            finally
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync(TestContext.Current.CancellationToken);
            }
        }
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var marker = new SqliteCommand("SELECT count(*) FROM meta WHERE key = 'samples-imported'", c);
        Assert.Equal(1L, marker.ExecuteScalar());
    }

    [Fact]
    public async Task RunImportsNoDemoIntoALedgerThatHoldsMail()
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        var mail = dir.File("one.eml");
        File.WriteAllText(mail, "From: A <a@example.org>\nTo: l@example.org\nSubject: [PATCH] x: y\n" +
            "Date: Tue, 1 Oct 2024 10:00:00 +0000\nMessage-ID: <real-1@example.org>\n\nhello\n");
        var imported = ReviewQueueProgram.Run(["--db", db, "import", mail]);
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();

        await WithRun(db, new() { ["Web__Urls"] = $"http://127.0.0.1:{MailPrograms.FreePort()}" }, async child =>
        {
            await RunProcess.Until(child, () => output.Any(l => l.Contains("into a new ledger only", StringComparison.Ordinal)), output);
            Assert.Contains(output, l => l.Contains("already holds mail (1 message)", StringComparison.Ordinal));
            Assert.Equal(1, Count(db));
            Assert.False(Marked(db));
        }, output: output);
    }

    /// <summary>After an upgrade, `run` reads a ledger that earlier rules read again, by itself.</summary>
    [Fact]
    public async Task RunReadsALedgerThatEarlierRulesReadAgain()
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        var mail = dir.File("one.eml");
        File.WriteAllText(mail, "From: A <a@example.org>\nSubject: [PATCH] x: y\nDate: Tue, 1 Oct 2024 10:00:00 +0000\n" +
            "Message-ID: <old-1@example.org>\n\nhello\n");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", mail]).ExitCode);
        ReviewQueue.IntegrationTests.Series.ReadingStampTests.Forget(db);

        await WithRun(db, new() { ["Web__Urls"] = $"http://127.0.0.1:{MailPrograms.FreePort()}" }, async child =>
        {
            await RunProcess.Until(child, () => ReviewQueue.IntegrationTests.Series.ReadingStampTests.Stamped(db));
            Assert.True(ReviewQueue.IntegrationTests.Series.ReadingStampTests.Stamped(db));
            Assert.Equal(1, Count(db)); // read again, not imported again; no demo in a ledger with mail
        });
    }

    /// <summary>The service's log levels come from the Logging section: at Warning, the worker's information is not said.</summary>
    [Fact]
    public async Task RunTakesItsLogLevelsFromTheLoggingSection()
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        var port = MailPrograms.FreePort();
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var env = new Dictionary<string, string> { ["Web__Urls"] = $"http://127.0.0.1:{port}", ["Logging__LogLevel__Default"] = "Warning" };

        await WithRun(db, env, async child =>
        {
            // Imported once the marker is set; the worker logs it (at Information) right after.
            await RunProcess.Until(child, () => Marked(db), output);
            Assert.True(Marked(db));
            await Task.Delay(1500, TestContext.Current.CancellationToken);
            Assert.Contains(output, l => l.Contains("ReviewQueue is running", StringComparison.Ordinal));
            Assert.DoesNotContain(output, l => l.Contains("Imported the demo mail", StringComparison.Ordinal));
        }, output: output);
    }

    /// <summary>
    /// An installed service runs from its own folder, where the shipped default's samples/demo.mbox is not: it
    /// starts without the demo. A blank entry clears the default; a missing path the operator gave stops the start.
    /// </summary>
    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "")]
    public async Task RunStartsWithoutADemoThatIsNotThere(bool fromRepository, string? samples)
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        var port = MailPrograms.FreePort();
        var env = new Dictionary<string, string> { ["Web__Urls"] = $"http://127.0.0.1:{port}" };
        if (samples is not null)
            env["Samples__Mail__0"] = samples;

        await WithRun(db, env, async child =>
        {
            using var http = new HttpClient();
            string? health = null;
            await RunProcess.Until(child, async () =>
            {
                try { health = await http.GetStringAsync($"http://127.0.0.1:{port}/healthz", TestContext.Current.CancellationToken); }
                catch (HttpRequestException) { }
                return health is not null;
            });
            Assert.Equal("ok", health);
            await Task.Delay(1000, TestContext.Current.CancellationToken); // the worker had its chance
            Assert.Equal(0, Count(db));
        }, fromRepository ? RepoPaths.Root : dir.Path);
    }

    [Fact]
    public void AMissingDemoTheOperatorNamedStopsTheStart()
    {
        using var dir = new TempDir();

        var r = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), "run"],
            env: new Dictionary<string, string> { ["Samples__Mail__0"] = "nope.mbox", ["Web__Urls"] = $"http://127.0.0.1:{MailPrograms.FreePort()}" },
            workDir: dir.Path);

        Assert.Equal(78, r.ExitCode);
        Assert.Contains("Samples:Mail:0 does not exist: nope.mbox", r.Stderr);
    }

    /// <summary>Starts `run`, hands it to <paramref name="body"/>, and stops it whatever happens.</summary>
    static async Task WithRun(string db, Dictionary<string, string> env, Func<System.Diagnostics.Process, Task> body, string? workDir = null,
        System.Collections.Concurrent.ConcurrentQueue<string>? output = null)
    {
        using var child = RunProcess.Start(db, env, workDir, output);
        try
        {
            await body(child);
        }
        finally
        {
            await RunProcess.StopAsync(child);
        }
    }

    static bool Marked(string db)
    {
        try
        {
            using var c = new SqliteConnection($"Data Source={db};Pooling=False");
            c.Open();
            using var marker = new SqliteCommand("SELECT count(*) FROM meta WHERE key = 'samples-imported'", c);
            return (long)marker.ExecuteScalar()! == 1;
        }
        catch (SqliteException)
        {
            return false; // not created yet
        }
    }

    static long Count(string db)
    {
        if (!File.Exists(db))
            return 0;
        try
        {
            using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            c.Open();
            using var command = new SqliteCommand("SELECT count(*) FROM messages", c);
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0;
        }
    }
}
