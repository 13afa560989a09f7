using Microsoft.Data.Sqlite;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Import;

/// <summary>
/// `import -` as a mail server's pipe: what stops a delivery before its mail is stored or kept as rejected, and is the
/// operator's to mend (the configuration, the command line in master.cf or aliases, the ledger's path, memory), exits 75.
/// Postfix's pipe and local delivery defer only on 75 (EX_TEMPFAIL) and 71 (EX_OSERR), and on a signal; every other
/// status bounces (64 and 66 as 5.3.0, 78 as 5.3.5, 1 as "Command died with status 1"), so the list's mail would be lost
/// for good. What the command writes becomes the reason mailq shows: one line that names the cause.
/// </summary>
public sealed class DeliveryDeferralTests
{
    [Theory]
    [InlineData("config-key", "Import: unknown key Import:BatchSzie")]
    [InlineData("config-missing", "--config: no such file: ")]
    [InlineData("environment", "environment: Ledgr__Database: unknown section \"Ledgr\"")]
    [InlineData("stdin-twice", "- (stdin) may be given once")]
    [InlineData("missing-file-beside", "nothere.mbox: no such file or directory")]
    [InlineData("option-without-value", "'--list-id'")]
    [InlineData("ledger-folder-through-a-file", "cannot open the ledger ")]
    public void AnOperatorsMistakeDefersTheMailInOneLineAndStoresNothing(string mistake, string named)
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        var config = dir.File("rq.json");
        File.WriteAllText(config, """{ "Import": { "BatchSzie": 50 } }""");
        var env = new Dictionary<string, string>();
        string[] args = mistake switch
        {
            "config-key" => ["--db", db, "--config", config, "import", "-"],
            "config-missing" => ["--db", db, "--config", dir.File("gone.json"), "import", "-"],
            "stdin-twice" => ["--db", db, "import", "-", "-"],
            "missing-file-beside" => ["--db", db, "import", "-", dir.File("nothere.mbox")],
            "option-without-value" => ["--db", db, "import", "-", "--list-id"],
            // A folder that cannot be made: its path runs through a file.
            "ledger-folder-through-a-file" => ["--db", Path.Combine(config, "ledger.db"), "import", "-"],
            _ => ["--db", db, "import", "-"],
        };
        if (mistake == "environment")
            env["Ledgr__Database"] = db;

        var delivery = ReviewQueueProgram.Run(args, MailText.Bytes(MailText.Message(1, "deferred@example.org")), env, dir.Path);

        Assert.True(delivery.ExitCode == 75, $"exit {delivery.ExitCode}: {delivery.Stdout} {delivery.Stderr}");
        var said = (delivery.Stdout + delivery.Stderr).Trim();
        Assert.DoesNotContain('\n', said);
        Assert.StartsWith("reviewqueue: ", said);
        Assert.Contains(named, said);
        if (File.Exists(db))
            Assert.Equal(0L, Count(db, "SELECT (SELECT count(*) FROM messages) + (SELECT count(*) FROM rejected)"));
    }

    [Fact]
    public void AFileImportWithABadConfigurationStillExits78()
    {
        using var dir = new TempDir();
        var config = dir.File("rq.json");
        File.WriteAllText(config, """{ "Import": { "BatchSzie": 50 } }""");
        File.WriteAllText(dir.File("one.eml"), MailText.Message(1, "file@example.org"));

        var import = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), "--config", config, "import", dir.File("one.eml")]);

        Assert.True(import.ExitCode == 78, $"exit {import.ExitCode}: {import.Stdout} {import.Stderr}");
    }

    [Fact]
    public void ADeliveryThatRunsOutOfMemoryDefersInOneLineInsteadOfAStackTrace()
    {
        using var dir = new TempDir();
        // A 30 MB mail (under the 32 MiB a mail may have) under a 96 MB heap limit (an operator's memory limit for the
        // mail server's pipe): the process fails with OutOfMemoryException, which System.CommandLine would turn into exit 1
        // and a stack trace.
        var mail = new System.Text.StringBuilder(MailText.Message(1, "big@example.org"));
        var line = new string('a', 70) + "\n";
        while (mail.Length < 30_000_000)
            mail.Append(line);

        File.WriteAllText(dir.File("big.eml"), mail.ToString());

        // From a file, as Postfix's pipe does not mind a command that stops reading (EPIPE), where this test's writer would.
        var delivery = TestSupport.Run.Program("sh", ["-c", $"exec dotnet '{ReviewQueueProgram.Dll}' --db ledger.db import - < big.eml"], dir.Path,
            env: new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x6000000", ["DOTNET_NOLOGO"] = "1" });

        Assert.True(delivery.ExitCode == 75, $"exit {delivery.ExitCode}: {delivery.Stdout} {delivery.Stderr}");
        var said = delivery.Stderr.Trim();
        Assert.DoesNotContain('\n', said);
        Assert.StartsWith("reviewqueue: import: ", said);
        Assert.Contains("OutOfMemoryException", said);
    }

    [Fact]
    public async Task ADeliveryStoppedBySigtermDefersInsteadOfExiting143()
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in (string[])[ReviewQueueProgram.Dll, "--db", db, "import", "-"])
            psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var delivery = System.Diagnostics.Process.Start(psi)!;
        var ct = TestContext.Current.CancellationToken;
        var stdout = delivery.StandardOutput.ReadToEndAsync(ct);
        var stderr = delivery.StandardError.ReadToEndAsync(ct);
        // Half a mail, and the rest never comes: the delivery waits on stdin, after it opened (created) the ledger.
        await delivery.StandardInput.WriteAsync("From: ada@example.org\n");
        await delivery.StandardInput.FlushAsync(ct);
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(db) && DateTime.UtcNow < until)
            await Task.Delay(50, ct);

        TestSupport.Run.Program("kill", ["-TERM", delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.True(delivery.WaitForExit(TimeSpan.FromSeconds(30)), "the delivery did not end after SIGTERM");
        var said = (await stdout + await stderr).Trim();
        Assert.True(delivery.ExitCode == 75, $"exit {delivery.ExitCode}: {said}");
        Assert.Equal("reviewqueue: import: stopped by SIGTERM; the mail server keeps the mail and tries again", said);
    }

    static long Count(string db, string sql)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
