using System.IO.Compression;
using ReviewQueue.Import;

namespace ReviewQueue.IntegrationTests.Import;

/// <summary>
/// Gzip files of any number of members, read as gzip -dc reads them: random data split into random members at random
/// levels (stored blocks, empty members, members of a few bytes), read through reads of random sizes as a pipe gives them.
/// </summary>
public sealed class GzipMembersTests
{
    /// <summary>Gives at most a random number of bytes per read, as a pipe does.</summary>
    sealed class Trickle(byte[] bytes, Random random) : Stream
    {
        int at;
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, bytes.Length - at), random.Next(1, 3) == 1 ? random.Next(1, 64) : random.Next(1, 70000));
            bytes.AsSpan(at, n).CopyTo(buffer.AsSpan(offset));
            at += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => bytes.Length;
        public override long Position { get => at; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    static byte[] Data(Random random, int length)
    {
        var data = new byte[length];
        for (int i = 0; i < length;)
        {
            // Runs of text-like bytes, runs of noise and runs of zeros, so members compress very differently.
            int run = Math.Min(length - i, random.Next(1, 5000));
            switch (random.Next(3))
            {
                case 0: random.NextBytes(data.AsSpan(i, run)); break;
                case 1: for (int k = 0; k < run; k++) data[i + k] = (byte)"From ab\n"[random.Next(8)]; break;
            }
            i += run;
        }
        return data;
    }

    static byte[] Member(ReadOnlySpan<byte> data, CompressionLevel level)
    {
        using var bytes = new MemoryStream();
        using (var zip = new GZipStream(bytes, level))
            zip.Write(data);
        // GZipStream writes nothing for nothing; gzip writes an empty member, as `gzip < /dev/null` does.
        var member = bytes.ToArray();
        return member.Length > 0 ? member : [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    }

    /// <summary>A file of random members; where each member ends, in the file and in the data.</summary>
    static (byte[] File, byte[] Data, List<(int File, int Data)> Ends) Members(Random random)
    {
        var data = Data(random, random.Next(0, 300_000));
        CompressionLevel[] levels = [CompressionLevel.NoCompression, CompressionLevel.Fastest, CompressionLevel.Optimal, CompressionLevel.SmallestSize];
        var file = new List<byte>();
        var ends = new List<(int, int)>();
        int count = random.Next(1, 7), from = 0;
        for (int m = 0; m < count; m++)
        {
            // Now and then an empty member, also the last one.
            int to = random.Next(5) == 0 ? from : m == count - 1 ? data.Length : random.Next(from, data.Length + 1);
            file.AddRange(Member(data.AsSpan(from, to - from), levels[random.Next(levels.Length)]));
            ends.Add((file.Count, to));
            from = to;
        }
        return ([.. file], data[..from], ends);
    }

    static (byte[] Read, string? Damage) ReadAll(byte[] file, Random random)
    {
        using var gzip = new GzipCheckedStream(new Trickle(file, random), "test.gz");
        using var read = new MemoryStream();
        var buffer = new byte[random.Next(1, 100_000)];
        for (int n; (n = gzip.Read(buffer, 0, buffer.Length)) > 0;)
            read.Write(buffer, 0, n);
        return (read.ToArray(), gzip.Damage);
    }

    [Fact]
    public void EveryMemberIsReadInFull()
    {
        for (int seed = 0; seed < 400; seed++)
        {
            var random = new Random(seed);
            var (file, data, _) = Members(random);

            var (read, damage) = ReadAll(file, random);

            Assert.True(damage is null, $"seed {seed}: {damage}");
            Assert.True(data.AsSpan().SequenceEqual(read), $"seed {seed}: {read.Length} bytes read of {data.Length}");
        }
    }

    [Fact]
    public void AFileCutAnywhereGivesWhatPrecedesTheCutAndSaysSoUnlessItEndsBetweenMembers()
    {
        for (int seed = 0; seed < 400; seed++)
        {
            var random = new Random(seed);
            var (file, data, ends) = Members(random);
            int cut = random.Next(0, file.Length);

            var (read, damage) = ReadAll(file[..cut], random);

            // Unsaid, what was read is the data of every member before the cut. (An empty member cut in its trailer may
            // pass for whole: its data, none, ends in a zero byte like the eight zeros of its trailer.)
            Assert.True(data.AsSpan().StartsWith(read), $"seed {seed}: what was read is not the data's start");
            int whole = ends.Where(e => e.File <= cut).Select(e => e.Data).DefaultIfEmpty(0).Max();
            if (damage is null)
                Assert.True(read.Length == whole, $"seed {seed}: cut at {cut} of {file.Length}, {read.Length} bytes read of {whole} and not said");
            var broken = ends.FirstOrDefault(e => e.File > cut);
            if (broken.File > 0 && broken.Data > whole)
                Assert.True(damage is not null, $"seed {seed}: cut at {cut} of {file.Length}, inside a member's data, and not said");
        }
    }

    /// <summary>Reads <paramref name="file"/> <paramref name="size"/> bytes at a time; and whether the file was left open.</summary>
    static (byte[] Read, string? Damage) ReadBy(byte[] file, int size)
    {
        using var gzip = new GzipCheckedStream(new MemoryStream(file), "test.gz");
        using var read = new MemoryStream();
        var buffer = new byte[size];
        for (int n; (n = gzip.Read(buffer, 0, buffer.Length)) > 0;)
            read.Write(buffer, 0, n);
        return (read.ToArray(), gzip.Damage);
    }

    [Fact]
    public void DataThatDoesNotInflateLosesLittleOfWhatCameBefore()
    {
        // The inflater throws away what one read had inflated when it meets bad data: the mbox reader asks for a megabyte,
        // so up to a compressed chunk's worth of whole messages before the damage were neither stored nor rejected.
        for (int seed = 0; seed < 40; seed++)
        {
            var random = new Random(seed);
            var text = MailText.Bytes(string.Concat(Enumerable.Range(0, 3000).Select(i => $"line {i} of {random.Next()}\n")));
            var file = Member(text, CompressionLevel.Optimal);
            int at = random.Next(file.Length / 3, file.Length - 40);
            Array.Fill(file, (byte)0xFF, at, 32);

            var (exact, exactDamage) = ReadBy(file, 1);
            var (read, damage) = ReadBy(file, 1 << 20);

            if (exactDamage is null)
                continue; // the changed bytes still inflated (and the checksum said so, or they fell in a stored block)
            Assert.NotNull(damage);
            Assert.True(read.Length >= exact.Length - 4096, $"seed {seed}: {read.Length} bytes read where {exact.Length} inflate");
        }
    }

    sealed class Watched(byte[] bytes) : MemoryStream(bytes)
    {
        public bool Closed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Closed = true;
            base.Dispose(disposing);
        }
    }

    [Fact]
    public void AFileIsClosedWhereItsDamageStopsTheReading()
    {
        // Nothing disposes the stream of a source the import keeps in its list: a file that broke off mid-way stayed open
        // for the rest of the import, one descriptor per damaged archive.
        var first = Member(MailText.Bytes(string.Concat(Enumerable.Range(0, 2000).Select(i => $"line {i}\n"))), CompressionLevel.Optimal);
        Array.Fill(first, (byte)0xFF, first.Length / 2, 32);
        var file = new Watched([.. first, .. Member(MailText.Bytes("more\n"), CompressionLevel.Optimal)]);
        var gzip = new GzipCheckedStream(file, "test.gz");

        var buffer = new byte[1 << 16];
        while (gzip.Read(buffer, 0, buffer.Length) > 0)
        {
        }

        Assert.NotNull(gzip.Damage);
        Assert.True(file.Closed);
    }

    [Fact]
    public void AnEmptyMemberFollowedByJunkCountsTheJunkAsItIs()
    {
        byte[] empty = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];

        var (_, damage) = ReadBy([.. empty, .. "XYZ"u8], 4096);

        Assert.Contains("followed by 3 bytes that are no gzip member", damage);
    }

    [Fact]
    public void AHeadersOptionalFieldsAreReadPast()
    {
        // What gzip, pigz and Python's gzip write: a file name (FNAME), and what others may: an extra field (FEXTRA),
        // a comment (FCOMMENT), a header CRC (FHCRC). The deflate data and trailer are .NET's, after its 10-byte header.
        var data = MailText.Bytes(string.Concat(Enumerable.Range(0, 500).Select(i => $"line {i}\n")));
        var plain = Member(data, CompressionLevel.Optimal);
        byte[] header = [0x1F, 0x8B, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3, 5, 0, (byte)'A', (byte)'B', 1, 0, 9,
            .. "list.mbox\0"u8, .. "made by hand\0"u8, 0x12, 0x34];
        byte[] file = [.. header, .. plain.AsSpan(10), .. plain];

        var (read, damage) = ReadAll(file, new Random(1));

        Assert.Null(damage);
        Assert.Equal([.. data, .. data], read);
    }

    [Fact]
    public void AHeaderCutShortOrWithUnknownFlagsIsSaid()
    {
        var plain = Member(MailText.Bytes("From a\n\nbody\n"), CompressionLevel.Optimal);
        byte[] reserved = [.. plain[..3], 0x20, .. plain[4..]];
        byte[] cutName = [0x1F, 0x8B, 8, 8, 0, 0, 0, 0, 0, 3, .. "list.mb"u8];

        Assert.Contains("damaged or cut header", ReadAll(reserved, new Random(1)).Damage);
        Assert.Contains("cut header", ReadAll([.. plain, .. cutName], new Random(1)).Damage);
    }

    [Fact]
    public void AChangedByteIsCaughtByTheMembersChecksum()
    {
        for (int seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var (file, data, _) = Members(random);
            if (data.Length == 0)
                continue;
            var changed = (byte[])file.Clone();
            int at = random.Next(0, changed.Length);
            changed[at] ^= (byte)random.Next(1, 256);

            var (read, damage) = ReadAll(changed, random);

            Assert.True(damage is not null || data.AsSpan().SequenceEqual(read), $"seed {seed}: byte {at} changed, the data changed and nothing said");
        }
    }
}
