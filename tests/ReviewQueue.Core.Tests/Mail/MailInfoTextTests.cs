using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Tests.Mail;

public class MailInfoTextTests
{
    /// <summary>git's decode_b: every byte outside the alphabet skipped, a partial group keeps the bytes it completed.</summary>
    static byte[] GitDecodeB(byte[] s)
    {
        var output = new List<byte>();
        int pos = 0, acc = 0;
        foreach (byte b in s.TakeWhile(b => b != 0))
        {
            int c = b switch
            {
                (byte)'+' => 62,
                (byte)'/' => 63,
                >= (byte)'A' and <= (byte)'Z' => b - 'A',
                >= (byte)'a' and <= (byte)'z' => b - 'a' + 26,
                >= (byte)'0' and <= (byte)'9' => b - '0' + 52,
                _ => -1,
            };
            if (c < 0)
                continue;
            switch (pos++)
            {
                case 0: acc = c << 2; break;
                case 1: output.Add((byte)(acc | c >> 4)); acc = (c & 15) << 4; break;
                case 2: output.Add((byte)(acc | c >> 2)); acc = (c & 3) << 6; break;
                default: output.Add((byte)(acc | c)); acc = 0; pos = 0; break;
            }
        }
        return [.. output];
    }

    [Theory]
    [InlineData("aGVsbG8gd29ybGQh\n")]
    [InlineData("aGVsbG8gd29ybGQ=\n")]
    [InlineData("aGVsbG8gd29ybA==\n")]
    [InlineData("QR==\n")]
    [InlineData("QQ\n")]
    [InlineData("QUJD\r\n")]
    [InlineData("QU JD\n")]
    [InlineData("QUJD\0QUJD\n")]
    [InlineData("\n")]
    [InlineData("")]
    [InlineData("QUJDRA\n")]
    public void DecodeBGivesWhatGitDecodes(string line)
    {
        var bytes = System.Text.Encoding.Latin1.GetBytes(line);
        Assert.Equal(GitDecodeB(bytes), MailInfoText.DecodeB(bytes));
    }

    [Fact]
    public void DecodeBGivesWhatGitDecodesOnRandomLines()
    {
        var random = new Random(64);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int round = 0; round < 5000; round++)
        {
            var line = new List<byte>();
            int length = random.Next(0, 90);
            for (int i = 0; i < length; i++)
                line.Add(random.Next(20) == 0 ? "=\r \n-\0"u8[random.Next(6)] : (byte)alphabet[random.Next(alphabet.Length)]);
            if (random.Next(2) == 0)
                line.Add((byte)'\n');
            var bytes = line.ToArray();
            Assert.Equal(GitDecodeB(bytes), MailInfoText.DecodeB(bytes));
        }
    }

    /// <summary>git's decode_q_segment for a body line: "=XX" decoded, "=" before the newline (or at the end) ends the line.</summary>
    static byte[] GitDecodeQ(byte[] s)
    {
        s = s.TakeWhile(b => b != 0).ToArray();
        var output = new List<byte>();
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '=')
            {
                if (i + 1 >= s.Length || s[i + 1] == '\n')
                    break;
                if (i + 2 < s.Length && Uri.IsHexDigit((char)s[i + 1]) && Uri.IsHexDigit((char)s[i + 2]))
                {
                    output.Add(Convert.ToByte(System.Text.Encoding.ASCII.GetString(s, i + 1, 2), 16));
                    i += 2;
                    continue;
                }
            }
            output.Add(s[i]);
        }
        return [.. output];
    }

    [Fact]
    public void DecodeQGivesWhatGitDecodesOnRandomLines()
    {
        var random = new Random(2045);
        var atoms = new[] { "=", "=3D", "=3d", "=C3=A9", "=\n", "=G1", "=4", "_", "a", "b c", "\n", "\0", "==" }
            .Select(System.Text.Encoding.ASCII.GetBytes).ToArray();
        for (int round = 0; round < 5000; round++)
        {
            var bytes = Enumerable.Range(0, random.Next(0, 20)).SelectMany(_ => atoms[random.Next(atoms.Length)]).ToArray();
            Assert.Equal(GitDecodeQ(bytes), MailInfoText.DecodeQ(bytes, rfc2047: false));
        }
    }
}
