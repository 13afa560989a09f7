using System.Buffers;

namespace ReviewQueue.Core.Ingest;

/// <summary>One message's bytes as it came in, and where from.</summary>
/// <param name="Source">The file, folder or account, for the operator (e.g. "hwmon.mbox#17").</param>
/// <param name="Arrived">When it reached us, if the source knows (maildir mtime, IMAP INTERNALDATE).</param>
/// <param name="Damage">What the source knows is wrong with it (its file breaks off inside it): kept as rejected.</param>
public sealed record RawMail(byte[] Bytes, string Source, DateTimeOffset? Arrived = null, MailProblem? Damage = null)
{
    /// <summary>
    /// The most a mail may hold, 32 MiB: three times Postfix's default message_size_limit (10,240,000), far above what a
    /// list passes (a patch of a few MB is rare). A larger one (a tarball or a disk image given to `import` by mistake, a
    /// file of zeros) is not held: kept as rejected with <see cref="KeptOfTooLarge"/> bytes of it and its size, so an
    /// import's memory stays bounded whatever it is given, and SQLite, which stores no value over 1 GB, is not asked to.
    /// </summary>
    public const int MaxBytes = 32 << 20;

    /// <summary>What is kept of a mail larger than <see cref="MaxBytes"/>: its start, where its headers are.</summary>
    public const int KeptOfTooLarge = 64 << 10;

    /// <summary>A mail of <paramref name="size"/> bytes, too large to hold, as its first bytes and the reason.</summary>
    public static RawMail TooLarge(byte[] start, long size, string source, DateTimeOffset? arrived = null) =>
        new(start.Length > KeptOfTooLarge ? start[..KeptOfTooLarge] : start, source, arrived,
            new MailProblem(MailProblem.TooLarge,
                $"{size:N0} bytes, more than the {MaxBytes:N0} a mail may have; only its first {KeptOfTooLarge / 1024} KiB are kept"));

    /// <summary>
    /// A whole stream as one mail, read up to <paramref name="maxBytes"/>: past it, its start is kept and the rest read
    /// through (to count it) but not held.
    /// </summary>
    public static RawMail Read(Stream stream, string source, DateTimeOffset? arrived = null, int maxBytes = MaxBytes)
    {
        // A file's length sizes the array, which is then the mail's as it is (no copy); a pipe's grows as it is read.
        long expected = stream.CanSeek ? Math.Clamp(stream.Length - stream.Position, 0, maxBytes) : 0;
        var held = new MemoryStream((int)expected);
        var chunk = ArrayPool<byte>.Shared.Rent(1 << 16);
        long size = 0;
        try
        {
            int n;
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (size + n <= maxBytes)
                    held.Write(chunk, 0, n);
                else if (held.Length < KeptOfTooLarge)
                    held.Write(chunk, 0, (int)Math.Min(n, KeptOfTooLarge - held.Length)); // its start, at least
                size += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        if (size > maxBytes)
            return TooLarge(held.GetBuffer()[..(int)Math.Min(held.Length, KeptOfTooLarge)], size, source, arrived);
        return new RawMail(held.Length == held.Capacity ? held.GetBuffer() : held.ToArray(), source, arrived);
    }
}
