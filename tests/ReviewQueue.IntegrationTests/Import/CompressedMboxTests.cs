using System.IO.Compression;
using System.Text.Json;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Import;

/// <summary>Archives kept compressed: an .mbox.gz, pipermail's 2024-July.txt.gz, an .mbox.xz.</summary>
public sealed class CompressedMboxTests
{
    static string Mbox(int count) =>
        string.Concat(Enumerable.Range(1, count).Select(n => MailText.MboxEntry(MailText.Message(n, $"gz{n}@example.org"))));

    /// <summary>
    /// Imports <paramref name="gz"/> into a new ledger: the command's result and the first rejected mail's first reason
    /// (undefined where nothing was rejected, so the import's own assertions say what went wrong first).
    /// </summary>
    static (RunResult Import, JsonElement Reason) ImportRejecting(TempDir dir, string gz)
    {
        var import = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), "import", gz]);
        var rejected = JsonDocument.Parse(ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), "rejected", "--json"]).Stdout).RootElement;
        return (import, rejected.GetArrayLength() > 0 ? rejected[0].GetProperty("reasons")[0] : default);
    }

    [Fact]
    public void AGzippedMboxIsReadAsTheMboxItHolds()
    {
        using var dir = new TempDir();
        var gz = dir.File("list.mbox.gz");
        using (var file = File.Create(gz))
        using (var zip = new GZipStream(file, CompressionLevel.Optimal))
            zip.Write(MailText.Bytes(Mbox(3)));

        var import = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), "import", gz, "--json"]);
        var rejected = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), "rejected"]);

        Assert.True(import.ExitCode == 0, import.Stderr);
        var summary = JsonDocument.Parse(import.Stdout).RootElement;
        Assert.Equal((3, 3, 0), (summary.GetProperty("read").GetInt32(), summary.GetProperty("new").GetInt32(), summary.GetProperty("rejected").GetInt32()));
        Assert.Equal("mboxo, gzip", summary.GetProperty("sources")[0].GetProperty("format").GetString());
        Assert.Contains("no rejected mail", rejected.Stdout);
    }

    [Fact]
    public void AnMboxCompressedOtherwiseIsRefusedNamingTheCompression()
    {
        using var dir = new TempDir();
        var xz = dir.File("list.mbox.xz");
        // xz's magic, then what would be its compressed stream.
        File.WriteAllBytes(xz, [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00, 1, 2, 3, 4]);

        var import = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), "import", xz]);

        Assert.Equal(66, import.ExitCode);
        Assert.Contains($"{xz}: compressed with xz", import.Stderr);
        Assert.Contains($"through a pipe instead: <(xz -dc {xz})", import.Stderr);
        Assert.Empty(import.Stdout);
        // Refused before any mail was read: nothing stored, not even a new ledger (RefusedImportTests).
        Assert.False(File.Exists(dir.File("ledger.db")));
    }

    [Fact]
    public void AGzipFileCutShortKeepsItsCutMessageAsRejectedSayingWhy()
    {
        // A download that stopped: the last message is cut in two. Stored, it would stay cut for good (its
        // Message-ID makes the whole one a duplicate later).
        using var dir = new TempDir();
        var gz = dir.File("list.mbox.gz");
        var body = string.Concat(Enumerable.Range(0, 20000).Select(i => $"line {i * 7919 % 100003}\n"));
        var mbox = Mbox(2) + MailText.MboxEntry(MailText.Message(3, "gz3@example.org", body));
        using (var file = File.Create(gz))
        using (var zip = new GZipStream(file, CompressionLevel.Optimal))
            zip.Write(MailText.Bytes(mbox));
        var whole = File.ReadAllBytes(gz);
        File.WriteAllBytes(gz, whole[..(whole.Length / 2)]);

        var (import, reasons) = ImportRejecting(dir, gz);

        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.StartsWith("read 3, new 2, duplicate 0, rejected 1 ", import.Stdout);
        Assert.Equal("DamagedSource", reasons.GetProperty("code").GetString());
        Assert.Contains($"{gz}: the gzip data ends after ", reasons.GetProperty("detail").GetString());
        Assert.Contains("cut short", reasons.GetProperty("detail").GetString());
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={dir.File("ledger.db")}");
        Assert.Equal(["gz1@example.org", "gz2@example.org"], Dapper.SqlMapper.Query<string>(c, "SELECT message_id FROM messages ORDER BY id"));
    }

    static byte[] Gzip(string text)
    {
        using var bytes = new MemoryStream();
        using (var zip = new GZipStream(bytes, CompressionLevel.Optimal))
            zip.Write(MailText.Bytes(text));
        return bytes.ToArray();
    }

    [Fact]
    public void AGzipFileOfSeveralMembersIsReadWholeAsGzipReadsIt()
    {
        // `gzip -c new.mbox >> list.mbox.gz` appends a member; gzip -dc reads them one after another, so does the import.
        // An empty member's trailer is eight zeros, as is the end of its data; zeros after the last member are padding.
        using var dir = new TempDir();
        var gz = dir.File("list.mbox.gz");
        var body = string.Concat(Enumerable.Range(0, 3000).Select(i => $"line {i * 7919 % 100003}\n"));
        File.WriteAllBytes(gz, [.. Gzip(Mbox(2)), .. Gzip(MailText.MboxEntry(MailText.Message(3, "gz3@example.org", body))),
            .. Gzip(""), .. Gzip(MailText.MboxEntry(MailText.Message(4, "gz4@example.org"))), .. new byte[512]]);

        var import = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), "import", gz]);
        var rejected = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), "rejected"]);

        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.StartsWith("read 4, new 4, duplicate 0, rejected 0 ", import.Stdout);
        Assert.Contains("no rejected mail", rejected.Stdout);
    }

    [Fact]
    public void AGzipMemberWhoseDataDoesNotMatchItsChecksumKeepsItsMessageAsRejected()
    {
        // A changed byte that still inflates (a stored, uncompressed block) is caught only by the member's CRC-32.
        using var dir = new TempDir();
        var gz = dir.File("list.mbox.gz");
        var second = MailText.MboxEntry(MailText.Message(2, "gz2@example.org"));
        byte[] stored;
        using (var bytes = new MemoryStream())
        {
            using (var zip = new GZipStream(bytes, CompressionLevel.NoCompression))
                zip.Write(MailText.Bytes(second));
            stored = bytes.ToArray();
        }
        int at = Array.IndexOf(stored, (byte)'S', 20);
        stored[at] = (byte)'s';
        File.WriteAllBytes(gz, [.. Gzip(Mbox(1)), .. stored]);

        var (import, reasons) = ImportRejecting(dir, gz);

        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.StartsWith("read 2, new 1, duplicate 0, rejected 1 ", import.Stdout);
        Assert.Equal("DamagedSource", reasons.GetProperty("code").GetString());
        Assert.Contains("no trailer matches it", reasons.GetProperty("detail").GetString());
    }

    [Fact]
    public void AGzipFileCutInItsLastMemberKeepsTheMessagesOfTheMembersBefore()
    {
        using var dir = new TempDir();
        var gz = dir.File("list.mbox.gz");
        var body = string.Concat(Enumerable.Range(0, 20000).Select(i => $"line {i * 7919 % 100003}\n"));
        var last = Gzip(MailText.MboxEntry(MailText.Message(3, "gz3@example.org", body)));
        File.WriteAllBytes(gz, [.. Gzip(Mbox(2)), .. last[..(last.Length / 2)]]);

        var (import, reasons) = ImportRejecting(dir, gz);

        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.StartsWith("read 3, new 2, duplicate 0, rejected 1 ", import.Stdout);
        Assert.Contains("cut short", reasons.GetProperty("detail").GetString());
    }

    [Fact]
    public void BytesAfterTheLastGzipMemberThatAreNoMemberAreSaid()
    {
        // gzip -dc warns of "trailing garbage": it may be a member whose header is damaged, holding mail.
        using var dir = new TempDir();
        var gz = dir.File("list.mbox.gz");
        File.WriteAllBytes(gz, [.. Gzip(Mbox(2)), 0x1F, 0x8C, .. " junk"u8]);

        var (import, reasons) = ImportRejecting(dir, gz);

        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.StartsWith("read 2, new 1, duplicate 0, rejected 1 ", import.Stdout);
        Assert.Contains("followed by 7 bytes that are no gzip member", reasons.GetProperty("detail").GetString());
    }

    [Fact]
    public void AGzipFileWithoutItsTrailerIsCutShort()
    {
        // Every byte of the mail is there, but not the member's checksum and length: the download stopped 8 bytes early.
        using var dir = new TempDir();
        var gz = dir.File("list.mbox.gz");
        var whole = Gzip(Mbox(2));
        File.WriteAllBytes(gz, whole[..^8]);

        var import = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), "import", gz]);

        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.StartsWith("read 2, new 1, duplicate 0, rejected 1 ", import.Stdout);
    }

    [Fact]
    public void InspectSaysWhichMessageACutGzipFileBreaksOffIn()
    {
        using var dir = new TempDir();
        var gz = dir.File("list.mbox.gz");
        var body = string.Concat(Enumerable.Range(0, 20000).Select(i => $"line {i * 7919 % 100003}\n"));
        using (var file = File.Create(gz))
        using (var zip = new GZipStream(file, CompressionLevel.Optimal))
            zip.Write(MailText.Bytes(Mbox(1) + MailText.MboxEntry(MailText.Message(2, "gz2@example.org", body))));
        var whole = File.ReadAllBytes(gz);
        File.WriteAllBytes(gz, whole[..(whole.Length / 2)]);

        var inspect = ReviewQueueProgram.Run(["inspect", gz, "--json"]);

        Assert.True(inspect.ExitCode == 0, inspect.Stderr);
        var records = JsonDocument.Parse(inspect.Stdout).RootElement;
        Assert.Equal(0, records[0].GetProperty("problems").GetArrayLength());
        Assert.Equal("DamagedSource", records[1].GetProperty("problems")[0].GetProperty("code").GetString());
    }
}
