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
}
