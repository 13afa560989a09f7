using System.IO.Compression;
using ReviewQueue.Storage;

namespace ReviewQueue.IntegrationTests.Storage;

/// <summary>Raw mail goes in and comes out byte for byte, as a zlib stream any zlib reads.</summary>
public sealed class CompressionTests
{
    public static TheoryData<int, bool> Sizes() => new()
    {
        { 0, false }, { 1, false }, { 100, true }, { 11_000, false }, { 11_000, true }, { 300_000, true }, { 5_000_000, true }, { 5_000_000, false },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void WhatIsPackedUnpacksToTheSameBytesAndIsPlainZlib(int size, bool random)
    {
        // Random bytes do not compress (zlib stores them, a little longer than they were); text does.
        var raw = new byte[size];
        if (random)
            new Random(size).NextBytes(raw);
        else
            for (int i = 0; i < size; i++)
                raw[i] = (byte)"From: Ada <ada@example.org>\nSubject: [PATCH] demo\n\n+\tint x = 1;\n"[i % 64];

        var packed = Compression.Pack(raw);

        Assert.Equal(raw, Compression.Unpack(packed));
        using var z = new ZLibStream(new MemoryStream(packed), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        z.CopyTo(plain);
        Assert.Equal(raw, plain.ToArray());
        if (random && size > 1000)
            Assert.True(packed.Length > size, "stored, not compressed: the pooled buffer had to be outgrown or filled");
    }
}
