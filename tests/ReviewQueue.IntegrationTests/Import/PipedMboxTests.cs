using System.IO.Compression;
using System.Text.Json;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Import;

/// <summary>
/// An archive handed over through a pipe rather than a file: bash's process substitution
/// (`reviewqueue import &lt;(xz -dc list.mbox.xz)`, the way to import what the import refuses to decompress) or a named
/// FIFO. A pipe can be read once: the first bytes read to tell the file's kind are part of the mbox.
/// </summary>
public sealed class PipedMboxTests
{
    static string Mbox(int count) =>
        string.Concat(Enumerable.Range(1, count).Select(n => MailText.MboxEntry(MailText.Message(n, $"pipe{n}@example.org"))));

    static RunResult ImportThroughProcessSubstitution(TempDir dir, string producer, params string[] more)
    {
        var command = $"exec dotnet \"$0\" --db \"$1\" {(more.Length > 0 ? string.Join(' ', more) + " " : "")}<({producer})";
        return TestSupport.Run.Program("bash", ["-c", command, ReviewQueueProgram.Dll, dir.File("ledger.db")], dir.Path,
            env: new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" }, timeout: TimeSpan.FromMinutes(2));
    }

    /// <summary>An import's JSON summary, once it is checked that it ended well and read and stored as told, nothing rejected.</summary>
    static JsonElement Summary(RunResult import, int read, int stored)
    {
        Assert.True(import.ExitCode == 0, import.Stderr);
        var summary = JsonDocument.Parse(import.Stdout).RootElement;
        Assert.Equal((read, stored, 0), (summary.GetProperty("read").GetInt32(), summary.GetProperty("new").GetInt32(), summary.GetProperty("rejected").GetInt32()));
        return summary;
    }

    [Fact]
    public void AnMboxFromProcessSubstitutionIsReadWhole()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("list.mbox"), MailText.Bytes(Mbox(3)));

        var import = ImportThroughProcessSubstitution(dir, "cat list.mbox", "import", "--json");

        var summary = Summary(import, read: 3, stored: 3);
        Assert.Equal("mboxo", summary.GetProperty("sources")[0].GetProperty("format").GetString());
    }

    [Fact]
    public void AGzippedMboxFromAPipeIsReadAsTheMboxItHolds()
    {
        using var dir = new TempDir();
        using (var file = File.Create(dir.File("list.mbox.gz")))
        using (var zip = new GZipStream(file, CompressionLevel.Optimal))
            zip.Write(MailText.Bytes(Mbox(4)));

        var import = ImportThroughProcessSubstitution(dir, "cat list.mbox.gz", "import", "--json");

        var summary = Summary(import, read: 4, stored: 4);
        Assert.Equal("mboxo, gzip", summary.GetProperty("sources")[0].GetProperty("format").GetString());
    }

    [Fact]
    public void AGzipDownloadCutShortInAPipeKeepsItsCutMessageAsRejected()
    {
        // `import <(curl -s …/list.mbox.gz)` where the download stopped: the trailer is read from the pipe's last bytes.
        using var dir = new TempDir();
        var body = string.Concat(Enumerable.Range(0, 20000).Select(i => $"line {i * 7919 % 100003}\n"));
        using (var file = File.Create(dir.File("list.mbox.gz")))
        using (var zip = new GZipStream(file, CompressionLevel.Optimal))
            zip.Write(MailText.Bytes(Mbox(2) + MailText.MboxEntry(MailText.Message(3, "pipe3@example.org", body))));
        var whole = File.ReadAllBytes(dir.File("list.mbox.gz"));
        File.WriteAllBytes(dir.File("list.mbox.gz"), whole[..(whole.Length / 2)]);

        var import = ImportThroughProcessSubstitution(dir, "cat list.mbox.gz", "import");
        var rejected = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), "rejected", "--json"]);

        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.StartsWith("read 3, new 2, duplicate 0, rejected 1 ", import.Stdout);
        var reasons = JsonDocument.Parse(rejected.Stdout).RootElement[0].GetProperty("reasons")[0];
        Assert.Equal("DamagedSource", reasons.GetProperty("code").GetString());
        Assert.Contains("cut short", reasons.GetProperty("detail").GetString());
    }

    [Fact]
    public void InspectReadsAnMboxFromAPipe()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("list.mbox"), MailText.Bytes(Mbox(2)));

        var inspect = ImportThroughProcessSubstitution(dir, "cat list.mbox", "inspect", "--json");

        Assert.True(inspect.ExitCode == 0, inspect.Stderr);
        var ids = JsonDocument.Parse(inspect.Stdout).RootElement.EnumerateArray().Select(r => r.GetProperty("message_id").GetString()).ToList();
        Assert.Equal(["pipe1@example.org", "pipe2@example.org"], ids);
    }

    [Fact]
    public async Task AnMboxWrittenIntoANamedFifoIsReadWhole()
    {
        using var dir = new TempDir();
        var fifo = dir.File("list.fifo");
        Assert.Equal(0, TestSupport.Run.Program("mkfifo", [fifo]).ExitCode);
        // The writer blocks until the import opens the FIFO, and the import reads until the writer closes it.
        var writer = Task.Run(() =>
        {
            using var w = new FileStream(fifo, FileMode.Open, FileAccess.Write);
            w.Write(MailText.Bytes(Mbox(5)));
        }, TestContext.Current.CancellationToken);

        var import = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), "import", fifo, "--json"]);

        await writer;
        Summary(import, read: 5, stored: 5);
    }
}
