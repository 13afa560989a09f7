using System.Text;
using ReviewQueue.Core.Ingest;

namespace ReviewQueue.Core.Tests.Ingest;

/// <summary>
/// A mail larger than a mail may be (RawMail.MaxBytes; small limits here) is not held: its start is kept with its size as
/// a TooLarge problem, the mail around it read as always, and the reader's memory does not grow with it.
/// </summary>
public sealed class TooLargeMailTests
{
    const int Limit = 4096;

    static string Mail(int n, int bodyBytes) =>
        $"From git@z Thu Jan  1 00:00:00 1970\nFrom: A <a@example.org>\nSubject: mail {n}\nMessage-ID: <{n}@example.org>\n\n" +
        new string('x', bodyBytes) + "\n";

    [Theory]
    [InlineData(1 << 20)] // the large message whole in the buffer: only its size tells
    [InlineData(64)] // the buffer refilled many times inside it
    [InlineData(4096)]
    public void AMessageOverTheLimitIsKeptAsItsStartAndSizeBetweenWholeOnes(int buffer)
    {
        var mbox = Mail(1, 100) + Mail(2, 3 * Limit) + Mail(3, 100);
        var reader = new MboxReader(new MemoryStream(Encoding.ASCII.GetBytes(mbox)), "t.mbox", buffer, Limit);

        var mails = reader.Read().ToList();

        Assert.Equal(3, mails.Count);
        Assert.Null(mails[0].Damage);
        Assert.Null(mails[2].Damage);
        Assert.Contains("Subject: mail 3", Encoding.ASCII.GetString(mails[2].Bytes));
        var large = mails[1];
        Assert.Equal(MailProblem.TooLarge, large.Damage?.Code);
        Assert.Equal("t.mbox#2", large.Source);
        int size = Encoding.ASCII.GetByteCount(Mail(2, 3 * Limit)) - "From git@z Thu Jan  1 00:00:00 1970\n".Length;
        Assert.Contains($"{size:N0} bytes", large.Damage!.Detail);
        Assert.StartsWith("From: A <a@example.org>\nSubject: mail 2\n", Encoding.ASCII.GetString(large.Bytes));
        Assert.True(large.Bytes.Length <= RawMail.KeptOfTooLarge);
        Assert.Equal(mbox.Length, reader.Position);
    }

    [Fact]
    public void AMessageJustAtTheLimitIsWholeAndOneByteMoreIsNot()
    {
        // Mail(n, 0) is its headers, a blank line and an empty body's line end.
        int empty = Mail(1, 0).Length - "From git@z Thu Jan  1 00:00:00 1970\n".Length;
        var mbox = Mail(1, Limit - empty);

        var mails = new MboxReader(new MemoryStream(Encoding.ASCII.GetBytes(mbox)), "t.mbox", 64, Limit).Read().ToList();

        Assert.Null(Assert.Single(mails).Damage);
        Assert.Equal(Limit, mails[0].Bytes.Length);
        var over = new MboxReader(new MemoryStream(Encoding.ASCII.GetBytes(Mail(1, Limit - empty + 1))), "t.mbox", 64, Limit).Read().Single();
        Assert.Equal(MailProblem.TooLarge, over.Damage?.Code);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AFileWithoutAFromLineLargerThanAMailIsOneTooLargeMessage(bool newlines)
    {
        // A file of zeros (or an archive) given by mistake: one message, its start kept.
        var bytes = new byte[10 * Limit];
        if (newlines)
            for (int i = 100; i < bytes.Length; i += 100)
                bytes[i] = (byte)'\n';

        var mails = new MboxReader(new MemoryStream(bytes), "zeros", 64, Limit).Read().ToList();

        var only = Assert.Single(mails);
        Assert.Equal(MailProblem.TooLarge, only.Damage?.Code);
        Assert.Contains($"{bytes.Length:N0} bytes", only.Damage!.Detail);
        Assert.Equal("zeros", only.Source);
    }

    [Fact]
    public void ReadingAnOversizeMessageHoldsNoMoreThanTheLimit()
    {
        // 256 MiB of one message under a 1 MiB limit: what the reader allocates stays near the limit, not the message.
        const int limit = 1 << 20;
        var stream = new Repeating(Encoding.ASCII.GetBytes(Mail(1, 0)), "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"u8.ToArray(), 256L << 20);
        long before = GC.GetAllocatedBytesForCurrentThread();

        var mails = new MboxReader(stream, "big.mbox", 1 << 16, limit).Read().ToList();

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(MailProblem.TooLarge, Assert.Single(mails).Damage?.Code);
        Assert.True(allocated < 8L * limit, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void AStreamReadAsOneMailKeepsTheStartOfOneTooLarge()
    {
        var small = RawMail.Read(new MemoryStream(new byte[Limit]), "stdin", maxBytes: Limit);
        var bytes = Encoding.ASCII.GetBytes("Subject: large\n\n" + new string('x', Limit));
        var large = RawMail.Read(new MemoryStream(bytes), "stdin", maxBytes: Limit);

        Assert.Null(small.Damage);
        Assert.Equal(Limit, small.Bytes.Length);
        Assert.Equal(MailProblem.TooLarge, large.Damage?.Code);
        Assert.Contains($"{bytes.Length:N0} bytes", large.Damage!.Detail);
        Assert.Equal(bytes, large.Bytes);
    }

    /// <summary>A head, then a line repeated until the stream holds <c>length</c> bytes: a large input without holding it.</summary>
    sealed class Repeating(byte[] head, byte[] line, long length) : Stream
    {
        long position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, length - position);
            for (int i = 0; i < n; i++, position++)
                buffer[offset + i] = position < head.Length ? head[position] : line[(position - head.Length) % line.Length];
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
