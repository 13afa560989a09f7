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
}
