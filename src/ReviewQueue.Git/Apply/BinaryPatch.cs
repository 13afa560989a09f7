using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace ReviewQueue.Git.Apply;

/// <summary>git's binary patches: base85 lines of zlib data, either a literal or a delta (git's pack delta format).</summary>
public static class BinaryPatch
{
    const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";
    static readonly sbyte[] Decode85 = BuildTable();

    internal static BinaryHunk? ReadHunk(LineCursor lines, List<string> problems, bool optional = false)
    {
        if (lines.AtEnd)
        {
            if (!optional) problems.Add($"line {lines.Number}: binary patch without data");
            return null;
        }
        var head = Encoding.ASCII.GetString(lines.Peek()).TrimEnd('\n');
        bool delta;
        if (head.StartsWith("literal ", StringComparison.Ordinal)) delta = false;
        else if (head.StartsWith("delta ", StringComparison.Ordinal)) delta = true;
        else
        {
            if (!optional) problems.Add($"line {lines.Number}: binary patch without literal or delta");
            return null;
        }
        int at = lines.Number;
        lines.Next();
        if (!long.TryParse(head[(delta ? 6 : 8)..], out long size))
        {
            problems.Add($"line {at}: unreadable binary hunk size");
            return null;
        }
        using var deflated = new MemoryStream();
        while (!lines.AtEnd)
        {
            var line = lines.Next();
            if (line.Length <= 1)
                break; // the blank line that ends the hunk
            int length = line[0] switch
            {
                >= (byte)'A' and <= (byte)'Z' => line[0] - 'A' + 1,
                >= (byte)'a' and <= (byte)'z' => line[0] - 'a' + 27,
                _ => -1,
            };
            var encoded = line[1..].TrimEnd("\n"u8);
            if (length < 0 || encoded.Length != (length + 3) / 4 * 5 || !TryDecode(encoded, length, deflated))
            {
                problems.Add($"line {lines.Number - 1}: corrupt binary patch");
                return null;
            }
        }
        try
        {
            deflated.Position = 0;
            using var z = new ZLibStream(deflated, CompressionMode.Decompress);
            using var inflated = new MemoryStream();
            z.CopyTo(inflated);
            if (inflated.Length != size)
            {
                problems.Add($"line {at}: binary hunk inflates to {inflated.Length} bytes, expected {size}");
                return null;
            }
            return new BinaryHunk(delta, size, inflated.ToArray());
        }
        catch (InvalidDataException)
        {
            problems.Add($"line {at}: binary hunk does not inflate");
            return null;
        }
    }

    static bool TryDecode(ReadOnlySpan<byte> encoded, int length, Stream output)
    {
        Span<byte> word = stackalloc byte[4];
        for (int i = 0; i < encoded.Length; i += 5)
        {
            uint acc = 0;
            for (int j = 0; j < 5; j++)
            {
                int d = Decode85[encoded[i + j]];
                if (d < 0)
                    return false;
                acc = unchecked(acc * 85 + (uint)d);
            }
            word[0] = (byte)(acc >> 24); word[1] = (byte)(acc >> 16); word[2] = (byte)(acc >> 8); word[3] = (byte)acc;
            int take = Math.Min(4, length);
            output.Write(word[..take]);
            length -= take;
        }
        return true;
    }

    /// <summary>Applies a git delta to its base; null when the delta does not fit the base.</summary>
    public static byte[]? ApplyDelta(byte[] source, byte[] delta)
    {
        int p = 0;
        if (ReadSize(delta, ref p) != source.Length)
            return null;
        long targetSize = ReadSize(delta, ref p);
        var target = new byte[targetSize];
        long t = 0;
        while (p < delta.Length)
        {
            byte op = delta[p++];
            if ((op & 0x80) != 0)
            {
                long offset = 0, size = 0;
                for (int bit = 0; bit < 4; bit++)
                    if ((op & (1 << bit)) != 0) offset |= (long)delta[p++] << (8 * bit);
                for (int bit = 0; bit < 3; bit++)
                    if ((op & (0x10 << bit)) != 0) size |= (long)delta[p++] << (8 * bit);
                if (size == 0) size = 0x10000;
                if (offset + size > source.Length || t + size > targetSize)
                    return null;
                Array.Copy(source, offset, target, t, size);
                t += size;
            }
            else if (op != 0)
            {
                if (p + op > delta.Length || t + op > targetSize)
                    return null;
                Array.Copy(delta, p, target, t, op);
                p += op;
                t += op;
            }
            else
                return null;
        }
        return t == targetSize ? target : null;
    }

    static long ReadSize(byte[] d, ref int p)
    {
        long size = 0;
        int shift = 0;
        byte b;
        do
        {
            if (p >= d.Length) return -1;
            b = d[p++];
            size |= (long)(b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return size;
    }

    /// <summary>The blob id git gives these bytes.</summary>
    public static string BlobId(ReadOnlySpan<byte> content)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha.AppendData(Encoding.ASCII.GetBytes($"blob {content.Length}\0"));
        sha.AppendData(content);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    static sbyte[] BuildTable()
    {
        var table = new sbyte[256];
        Array.Fill(table, (sbyte)-1);
        for (int i = 0; i < Alphabet.Length; i++)
            table[Alphabet[i]] = (sbyte)i;
        return table;
    }
}
