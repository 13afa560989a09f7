using System.Text;
using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Tests.Mail;

/// <summary>Charsets.Text decodes on its own path for speed; it must give what Encoding.UTF8 gives, U+FFFD for U+FFFD.</summary>
public class CharsetsTests
{
    public static TheoryData<string> OddSequences() =>
    [
        "", "41", "c3a9", "e282ac", "f09f9880",
        "80", "bf", "c0af", "c1bf", "c3", "e282", "f09f98", "f4908080", "f5", "ff", "fe",
        "eda080", "edbfbf", "e08080", "f0808080", "c328", "e228a1", "f0289f98",
        "41e2824142", "f09f98f09f9880", "00c3a900", "efbbbf41",
    ];

    [Theory]
    [MemberData(nameof(OddSequences))]
    public void TextReplacesEachInvalidSequenceAsEncodingUtf8Does(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        Assert.Equal(Encoding.UTF8.GetString(bytes), Charsets.Text(bytes));
    }

    [Fact]
    public void TextAgreesWithEncodingUtf8OnRandomBytesAndMixedText()
    {
        var random = new Random(5100);
        var pieces = new[] { "plain ascii line\n", "Olędzki ", "€", "😀", "\u0000" }.Select(Encoding.UTF8.GetBytes).ToArray();
        for (int round = 0; round < 2000; round++)
        {
            var bytes = new List<byte>();
            int parts = random.Next(1, 40);
            for (int p = 0; p < parts; p++)
            {
                if (random.Next(3) == 0)
                    bytes.AddRange(pieces[random.Next(pieces.Length)]);
                else
                    for (int n = random.Next(1, 6); n > 0; n--)
                        bytes.Add((byte)random.Next(256));
            }
            var array = bytes.ToArray();
            Assert.Equal(Encoding.UTF8.GetString(array), Charsets.Text(array));
        }
    }

    [Theory]
    [InlineData("us-ascii", true)]
    [InlineData("iso-8859-1", true)]
    [InlineData("ISO8859-15", true)]
    [InlineData("windows-1252", true)]
    [InlineData("cp1250", true)]
    [InlineData("koi8-r", true)]
    [InlineData("iso-2022-jp", false)]
    [InlineData("ibm037", false)]
    [InlineData("x-unknown", false)]
    public void KeepsAsciiOnlyWhereToUtf8LeavesEveryAsciiByteAlone(string charset, bool keeps)
    {
        Assert.Equal(keeps, Charsets.KeepsAscii(charset));
        if (!keeps)
            return;
        var ascii = Enumerable.Range(0, 128).Select(b => (byte)b).ToArray();
        Assert.Equal(ascii, Charsets.ToUtf8(ascii, charset, out bool unknown));
        Assert.False(unknown);
    }

    [Fact]
    public void EveryCharsetThatKeepsAsciiLeavesEveryAsciiByteAlone()
    {
        var ascii = Enumerable.Range(0, 128).Select(b => (byte)b).ToArray();
        var names = Encoding.GetEncodings().Select(e => e.Name).Concat(Enumerable.Range(0, 20).Select(n => $"iso-8859-{n}")).ToList();
        Assert.Contains(names, Charsets.KeepsAscii);
        foreach (var name in names.Where(Charsets.KeepsAscii))
            Assert.Equal(ascii, Charsets.ToUtf8(ascii, name, out _));
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("UTF7")]
    public void UtfSevenIsReadAsIconvReadsItNotRefused(string charset)
    {
        // iconv -f utf-7 -t utf-8 <<< 'Hi +AKM-1 there' prints "Hi £1 there".
        var utf8 = Charsets.ToUtf8("Hi +AKM-1 there\n"u8, charset, out bool unknown);
        Assert.False(unknown);
        Assert.Equal("Hi £1 there\n", Encoding.UTF8.GetString(utf8));
    }

    [Fact]
    public void AMailInUtfSevenIsReadWithItsBodyDecoded()
    {
        var raw = Encoding.ASCII.GetBytes("From: Ada <ada@example.org>\nSubject: utf7\nDate: Mon, 5 Jan 2026 10:00:00 +0000\n" +
            "Message-ID: <u7@example.org>\nContent-Type: text/plain; charset=utf-7\n\nHi +AKM-1 there\n");
        var result = MailReader.Read(raw, null);
        Assert.NotNull(result.Mail);
        Assert.Empty(result.Problems);
        Assert.Contains("Hi £1 there", result.Mail.CommitMessage);
    }
}
