using System.IO.Compression;
using System.Text;
using ReviewQueue.Core.Ingest;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Import;

/// <summary>
/// The hwmon half-year as maintainers hold list archives: a mirrored public-inbox v2 inbox (several epochs, a
/// removal, a purge, new commits fetched later) and a gzip'd mbox. Built at test time from the corpus mbox.
/// </summary>
public sealed class CorpusArchiveTests
{
    static List<byte[]> HwmonMessages()
    {
        var mbox = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.mbox");
        using var file = File.OpenRead(mbox);
        return new MboxReader(file, mbox).Read().Select(m => m.Bytes).ToList();
    }

    /// <summary>Appends commits to an epoch as public-inbox writes them: each tree one blob, "m" or "d" ("" for a purged "m").</summary>
    static void Append(string epoch, IEnumerable<(string File, byte[] Bytes)> commits)
    {
        var stream = new MemoryStream();
        void Write(string s) => stream.Write(Encoding.ASCII.GetBytes(s));
        var tip = Directory.Exists(Path.Combine(epoch, "refs")) && Run.Git(epoch, "for-each-ref", "refs/heads/master").Stdout.Trim() != ""
            ? Run.Git(epoch, "rev-parse", "refs/heads/master").Stdout.Trim()
            : null;
        int mark = 1;
        long time = 1720000000;
        foreach (var (name, bytes) in commits)
        {
            Write($"blob\nmark :{mark}\ndata {bytes.Length}\n");
            stream.Write(bytes);
            Write("\n");
            Write($"commit refs/heads/master\nmark :{mark + 1}\ncommitter Inbox <inbox@example.org> {time++} +0000\ndata 1\n\n");
            if (tip is not null)
                Write($"from {tip}\n");
            Write($"D {(name == "m" ? "d" : "m")}\nM 100644 :{mark} {name}\n\n");
            tip = $":{mark + 1}";
            mark += 2;
        }
        Run.Git(epoch, stream.ToArray(), "fast-import", "--quiet");
    }

    [Fact]
    public async Task AMirroredInboxIsEveryMessageButTheRemovedAndPurgedOnesAndAFetchAddsTheNewOnes()
    {
        var messages = HwmonMessages();
        using var ledger = new TestLedger();
        var inbox = ledger.Dir.File("linux-hwmon");
        var epochs = Enumerable.Range(0, 3).Select(n => Path.Combine(inbox, "git", $"{n}.git")).ToList();
        foreach (var epoch in epochs)
        {
            Directory.CreateDirectory(epoch);
            Run.Git(epoch, "init", "-q", "--bare", "-b", "master");
        }
        // 0.git and 1.git hold 1000 messages each, 2.git the rest but the last 100, the removal of message 5 and
        // the purge (an empty "m") of a message of its own.
        Append(epochs[0], messages.Take(1000).Select(m => ("m", m)));
        Append(epochs[1], messages.Skip(1000).Take(1000).Select(m => ("m", m)));
        Append(epochs[2], messages.Skip(2000).Take(892).Select(m => ("m", m))
            .Append(("d", messages[5])).Append(("m", Array.Empty<byte>())));

        var first = await ledger.ImportAsync(inbox);
        // New mail fetched into the newest epoch.
        Append(epochs[2], messages.Skip(2892).Select(m => ("m", m)));
        var second = await ledger.ImportAsync(inbox);

        Assert.Equal((2891, 2891, 0, 2), (first.Read, first.New, first.Rejected, first.Removed));
        // Only the fetched commits are read: every epoch from where the first import stopped.
        Assert.Equal((100, 100, 0, 0), (second.Read, second.New, second.Duplicate, second.Rejected));
        Assert.Equal(2893, second.ReadBefore); // the first import's 2,891 read and 2 removed (one taken down, one purged); not the "d" commit
        Assert.Equal(2991, await ledger.Messages.CountAsync(TestContext.Current.CancellationToken));
        var removedId = EnvelopeReader.Read(messages[5]).Envelope!.MessageId;
        Assert.Null(await ledger.Messages.RawAsync(removedId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheGzippedMboxIsTheSameMailAsTheMbox()
    {
        var mbox = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.mbox");
        using var ledger = new TestLedger();
        var gz = ledger.Dir.File("hwmon-2024H2.mbox.gz");
        using (var source = File.OpenRead(mbox))
        using (var target = File.Create(gz))
        using (var zip = new GZipStream(target, CompressionLevel.Fastest))
            source.CopyTo(zip);

        var zipped = await ledger.ImportAsync(gz);
        var plain = await ledger.ImportAsync(mbox);

        Assert.Equal("mboxrd, gzip", zipped.Sources[0].Format);
        Assert.Equal((2992, 2992, 0), (zipped.Read, zipped.New, zipped.Rejected));
        Assert.Equal((2992, 0, 2992), (plain.Read, plain.New, plain.Duplicate));
    }
}
