using System.Buffers;
using System.IO.Compression;

namespace ReviewQueue.Storage;

/// <summary>Raw mail is kept zlib-compressed: list mail shrinks about 2:1 and stays cheap to rebuild from.</summary>
public static class Compression
{
    public static byte[] Pack(ReadOnlySpan<byte> raw)
    {
        // Compressed into a pooled buffer the size of the mail (zlib's fastest level rarely needs more),
        // then copied out once: no growing stream for every imported message.
        var buffer = ArrayPool<byte>.Shared.Rent(raw.Length + 256);
        try
        {
            using var output = new MemoryStream(buffer, 0, buffer.Length, writable: true, publiclyVisible: true);
            try
            {
                using (var z = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
                    z.Write(raw);
                return buffer.AsSpan(0, (int)output.Position).ToArray();
            }
            catch (NotSupportedException)
            {
                // Incompressible data grew past the buffer (the stream cannot expand): the plain way.
                return PackGrowing(raw);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    static byte[] PackGrowing(ReadOnlySpan<byte> raw)
    {
        using var output = new MemoryStream(raw.Length + 256);
        using (var z = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
            z.Write(raw);
        return output.ToArray();
    }

    public static byte[] Unpack(byte[] packed)
    {
        using var input = new MemoryStream(packed);
        using var z = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(packed.Length * 3);
        z.CopyTo(output);
        return output.ToArray();
    }
}
