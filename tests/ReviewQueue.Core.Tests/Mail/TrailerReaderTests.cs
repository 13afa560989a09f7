using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Tests.Mail;

public class TrailerReaderTests
{
    [Fact]
    public void FollowUpTrailersComeFromUnquotedLinesAboveTheSignature()
    {
        const string body = """
            On Mon, Ada wrote:
            > Signed-off-by: Ada Author <ada@example.org>
            > Reviewed-by: Quoted Person <quoted@example.org>

            Looks good.

            Reviewed-by: Rita Reviewer <rita@example.org>
            Tested-by: tom@example.org (Tom Tester)
            Acked-by: Nobody Without Address
            Fixes: 0123456789ab ("hwmon: old bug")
            Link: https://lore.kernel.org/r/123@example.org
            -- 
            Reviewed-by: Sig Nature <sig@example.org>
            """;
        var trailers = TrailerReader.FromReply(body);
        Assert.Equal(["Reviewed-by", "Tested-by", "Fixes", "Link"], trailers.Select(t => t.Name));
        Assert.Equal(("Rita Reviewer", "rita@example.org"), (trailers[0].PersonName, trailers[0].Email));
        Assert.Equal(("Tom Tester", "tom@example.org"), (trailers[1].PersonName, trailers[1].Email));
        Assert.Null(trailers[2].Email);
    }

    // b4 ends a reply's trailers at "-- " only (find_trailers splits on "\n-- \n"): a bare "--", what a client that
    // strips trailing blanks leaves, is a line of text, and a trailer below it is found (b4 -d: "trailer did not
    // match" for a stranger's, kept by us with identity_ok false).
    [Fact]
    public void ADashDashLineWithoutItsSpaceDoesNotEndTheTrailersAsInB4()
    {
        const string body = """
            Looks fine.

            Acked-by: Rob Reviewer <rob@example.org>

            --
            Rob Reviewer
            Reviewed-by: Sig Person <sig@example.org>
            """;
        var trailers = TrailerReader.FromReply(body);
        Assert.Equal(["Acked-by: Rob Reviewer <rob@example.org>", "Reviewed-by: Sig Person <sig@example.org>"],
            trailers.Select(t => $"{t.Name}: {t.Value}"));
        Assert.False(TrailerReader.IsSignatureSeparator("--"));
        Assert.True(TrailerReader.IsSignatureSeparator("-- "));
    }

    [Theory]
    [InlineData("> Reviewed-by: x <x@y>", true)]
    [InlineData("  >> nested", true)]
    [InlineData("Reviewed-by: x <x@y>", false)]
    [InlineData("a > b", false)]
    [InlineData("", false)]
    public void QuotedLinesStartWithAGreaterThanSign(string line, bool quoted) =>
        Assert.Equal(quoted, TrailerReader.IsQuoted(line));

    [Fact]
    public void CommitMessageTrailersAreTheTrailingBlock()
    {
        const string message = """
            hwmon: (lm75) fix the limit

            Note: this line looks like a trailer but sits in the text.
            Reported-by: is prose here too

            Fixes: 0123456789ab ("hwmon: (lm75) add limit")
            Cc: stable@vger.kernel.org # 6.1+
            Reviewed-by: Rita Reviewer <rita@example.org>
            [groeck: tweaked the message]
            Signed-off-by: Ada Author <ada@example.org>
            """;
        var trailers = TrailerReader.FromCommitMessage(message);
        Assert.Equal(["Fixes", "Cc", "Reviewed-by", "Signed-off-by"], trailers.Select(t => t.Name));
        Assert.Equal("stable@vger.kernel.org", trailers[1].Email);
        Assert.Equal("Signed-off-by", TrailerReader.Canonical("SIGNED-OFF-BY"));
    }

    [Fact]
    public void AFixesLineWrappedInsideItsSubjectIsJoinedWithItsNextLine()
    {
        const string body = """
            On Tue, Ada wrote:
            > the patch

            Fixes: e651a1da442a ("HID: hid-sensor-hub: Allow parallel synchronous
            reads")
            Acked-by: Srinivas Pandruvada <srinivas@example.org>
            """;
        var trailers = TrailerReader.FromReply(body);
        Assert.Equal(["Fixes", "Acked-by"], trailers.Select(t => t.Name));
        Assert.Equal("""e651a1da442a ("HID: hid-sensor-hub: Allow parallel synchronous reads")""", trailers[0].Value);
        Assert.Equal("srinivas@example.org", trailers[1].Email);
    }

    [Fact]
    public void APersonTrailerWhoseAddressWrappedToTheNextLineIsJoined()
    {
        const string body = """
            Reviewed-by: Rita Reviewer With A Very Long Name
            <rita@example.org>

            Thanks.
            """;
        var trailer = Assert.Single(TrailerReader.FromReply(body));
        Assert.Equal("Rita Reviewer With A Very Long Name <rita@example.org>", trailer.Value);
        Assert.Equal(("Rita Reviewer With A Very Long Name", "rita@example.org"), (trailer.PersonName, trailer.Email));
    }

    [Fact]
    public void AContinuationNeverSwallowsTheNextTrailerOrAParagraph()
    {
        const string body = """
            Fixes: 0123456789ab ("hwmon: (lm75) something cut
            Reviewed-by: Rita Reviewer <rita@example.org> (for the hwmon part)
            Fixes: 123456abcdef ("hwmon: another cut

            A paragraph (with a parenthesis) follows.
            Acked-by: Long Name
            <not an address line>, said someone
            """;
        var trailers = TrailerReader.FromReply(body);
        Assert.Equal(["Fixes", "Reviewed-by", "Fixes"], trailers.Select(t => t.Name));
        Assert.Equal("""0123456789ab ("hwmon: (lm75) something cut""", trailers[0].Value);
        Assert.Equal("rita@example.org", trailers[1].Email);
        Assert.Equal("""123456abcdef ("hwmon: another cut""", trailers[2].Value);
    }

    [Fact]
    public void QuotedLinesAreNeitherTrailersNorContinuations()
    {
        const string body = """
            > Fixes: 0123456789ab ("hwmon: quoted and
            > wrapped")
            Fixes: 123456abcdef ("hwmon: mine, wrapped
            > quoted line with a paren)
            Reviewed-by: Rita Reviewer
            > <rita@example.org>
            """;
        var trailer = Assert.Single(TrailerReader.FromReply(body));
        Assert.Equal("""123456abcdef ("hwmon: mine, wrapped""", trailer.Value);
    }

    [Fact]
    public void AWrappedFixesLineInACommitMessageKeepsTheTrailerBlock()
    {
        const string message = """
            hwmon: (lm75) fix the limit

            Fixes: 0123456789ab ("hwmon: (lm75) add a limit that is much too
            long")
            Signed-off-by: Ada Author <ada@example.org>
            """;
        var trailers = TrailerReader.FromCommitMessage(message);
        Assert.Equal(["Fixes", "Signed-off-by"], trailers.Select(t => t.Name));
        Assert.Equal("""0123456789ab ("hwmon: (lm75) add a limit that is much too long")""", trailers[0].Value);
    }
}
