using System.Text.RegularExpressions;
using ReviewQueue.Core.Subsystems;

namespace ReviewQueue.Core.Tests.Subsystems;

/// <summary>MailmapLine reads by hand what get_maintainer.pl reads with four regexes: held against them here.</summary>
public sealed class MailmapLineTests
{
    static readonly Regex NameOnly = new(@"^([^<]+)<([^>]+)>$");
    static readonly Regex AddressOnly = new(@"^<([^>]+)>\s*<([^>]+)>$");
    static readonly Regex NameForAddress = new(@"^(.+)<([^>]+)>\s*<([^>]+)>$");
    static readonly Regex NameForNameAndAddress = new(@"^(.+)<([^>]+)>\s*(.+)\s*<([^>]+)>$");

    static MailmapLine ByRegex(string line)
    {
        Match m;
        if ((m = NameOnly.Match(line)).Success)
            return new(MailmapLine.Form.NameOnly, m.Groups[1].Value, m.Groups[2].Value);
        if ((m = AddressOnly.Match(line)).Success)
            return new(MailmapLine.Form.AddressOnly, m.Groups[1].Value, m.Groups[2].Value);
        if ((m = NameForAddress.Match(line)).Success)
            return new(MailmapLine.Form.NameForAddress, m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value);
        if ((m = NameForNameAndAddress.Match(line)).Success)
            return new(MailmapLine.Form.NameForNameAndAddress, m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value);
        return default;
    }

    [Theory]
    [InlineData("Ann Author <ann@example.org>")]
    [InlineData("<ann@example.org> <old@example.org>")]
    [InlineData("Ann Author <ann@example.org> <old@example.org>")]
    [InlineData("Ann Author <ann@example.org> Ann Old <old@example.org>")]
    [InlineData("Satya Priya <a@q.com> <b@q.com> <c@cao.org>")]
    [InlineData("Ann <ann@example.org>\t \t<old@example.org>")]
    [InlineData("A <b> c d  <e>")]
    [InlineData("no address at all")]
    [InlineData("<only@example.org>")]
    public void RealAndOddLinesReadAsTheRegexesReadThem(string line) =>
        Assert.Equal(ByRegex(line), MailmapLine.Read(line));

    [Fact]
    public void EveryShortLineOfAngleBracketsLettersAndBlanksReadsAsTheRegexesReadIt()
    {
        // Every line of up to 8 characters from "<", ">", "a", " " and "\t": 488,281 lines, all the greedy corners.
        const string alphabet = "<>a \t";
        var differ = new List<string>();
        var chars = new char[8];
        for (int length = 0; length <= 8; length++)
        {
            int total = (int)Math.Pow(alphabet.Length, length);
            for (int n = 0; n < total; n++)
            {
                for (int i = 0, rest = n; i < length; i++, rest /= alphabet.Length)
                    chars[i] = alphabet[rest % alphabet.Length];
                var line = new string(chars, 0, length);
                if (ByRegex(line) != MailmapLine.Read(line))
                    differ.Add(line);
            }
        }
        Assert.Empty(differ);
    }

    [Fact]
    public void TheCorpusMailmapReadsAsTheRegexesReadIt()
    {
        var path = ReviewQueue.TestSupport.Corpus.Require("maintainers", "linux-6.12", "mailmap");
        var differ = File.ReadAllLines(path)
            .Select(raw => (raw.IndexOf('#') is var hash and >= 0 ? raw[..hash] : raw).Trim())
            .Where(line => ByRegex(line) != MailmapLine.Read(line))
            .ToList();
        Assert.Empty(differ);
    }
}
