using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Tests.Mail;

public sealed class ListArchiveTests
{
    [Theory]
    [InlineData("https://lore.kernel.org/r/", "20240701.1-2-a@example.com", "https://lore.kernel.org/r/20240701.1-2-a@example.com")]
    [InlineData("https://inbox.example.org/devel", "a+b@example.com", "https://inbox.example.org/devel/a%2Bb@example.com")]
    [InlineData("https://inbox.example.org/devel/", "odd/id?#@example.com", "https://inbox.example.org/devel/odd%2Fid%3F%23@example.com")]
    public void APageLinksToTheMailWithItsIdAsOnePathSegment(string archive, string messageId, string link) =>
        Assert.Equal(link, new ListArchive(archive).Link(messageId));

    /// <summary>b4 am -l writes linkmask % msgid, the id unescaped: so does the trailer, byte for byte with the default.</summary>
    [Theory]
    [InlineData("https://lore.kernel.org/r/", "a+b@example.com", "https://lore.kernel.org/r/a+b@example.com")]
    [InlineData("https://inbox.example.org/devel", "a+b@example.com", "https://inbox.example.org/devel/a+b@example.com")]
    public void ALinkTrailerHasTheIdAsItIs(string archive, string messageId, string trailer) =>
        Assert.Equal(trailer, new ListArchive(archive).Trailer(messageId));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void WithoutAnArchiveNothingLinks(string? archive)
    {
        Assert.False(new ListArchive(archive).Exists);
        Assert.Null(new ListArchive(archive).Link("a@example.com"));
        Assert.Null(new ListArchive(archive).Trailer("a@example.com"));
    }
}
