using System.IO.Compression;

namespace ReviewQueue.Storage;

/// <summary>Raw mail is kept zlib-compressed: list mail shrinks about 3:1 and stays cheap to rebuild from.</summary>
public static class Compression
{
    public static byte[] Pack(ReadOnlySpan<byte> raw)
    {
        using var output = new MemoryStream(raw.Length / 2 + 64);
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
