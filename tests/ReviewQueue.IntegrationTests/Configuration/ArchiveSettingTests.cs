using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Commands;
using ReviewQueue.Configuration;
using ReviewQueue.Core.Mail;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Configuration;

/// <summary>
/// Archive:Url, one setting for every link to a mail (dashboard, digests, am --add-link), and Digest:ArchiveUrl, its older
/// name, which operators set before and which still works; the two set differently stop the start naming both.
/// </summary>
public sealed class ArchiveSettingTests
{
    static (IReadOnlyList<string> Problems, ListArchive? Archive) Read(Dictionary<string, string?> settings)
    {
        using var dir = new TempDir();
        settings["Ledger:Database"] = dir.File("l.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddReviewQueue(configuration).BuildServiceProvider();
        var problems = services.GetRequiredService<SectionCheck>().Run(services);
        return (problems, problems.Count == 0 ? services.GetRequiredService<ListArchive>() : null);
    }

    [Theory]
    [InlineData(null, null, "https://lore.kernel.org/r/")]
    [InlineData("https://lists.example.org/archives/xen-devel/", null, "https://lists.example.org/archives/xen-devel/")]
    [InlineData(null, "https://inbox.example.org/devel/", "https://inbox.example.org/devel/")]
    [InlineData("https://inbox.example.org/devel/", "https://inbox.example.org/devel", "https://inbox.example.org/devel/")]
    [InlineData("", null, "")]
    [InlineData(null, "", "")]
    [InlineData("", "", "")]
    public void OneArchiveServesEveryLinkFromEitherName(string? url, string? olderName, string archive)
    {
        var (problems, read) = Read(new() { ["Archive:Url"] = url, ["Digest:ArchiveUrl"] = olderName });

        Assert.Empty(problems);
        Assert.Equal(archive, read!.Base ?? "");
    }

    [Theory]
    [InlineData("https://inbox.example.org/devel/", "https://lore.kernel.org/r/",
        "Archive:Url (https://inbox.example.org/devel/) and its older name Digest:ArchiveUrl (https://lore.kernel.org/r/) are both set, differently: keep Archive:Url only")]
    [InlineData("", "https://lore.kernel.org/r/",
        "Archive:Url (empty) and its older name Digest:ArchiveUrl (https://lore.kernel.org/r/) are both set, differently: keep Archive:Url only")]
    public void BothNamesSetDifferentlyStopTheStartNamingBoth(string url, string olderName, string problem) =>
        Assert.Equal([problem], Read(new() { ["Archive:Url"] = url, ["Digest:ArchiveUrl"] = olderName }).Problems);

    [Fact]
    public void AnArchiveUrlThatIsNoBaseForAMessageIdIsNamedByItsKey() =>
        Assert.Equal(["Archive:Url is not an http(s) URL to append a Message-ID to (empty for no archive link): lore"],
            Read(new() { ["Archive:Url"] = "lore" }).Problems);

    [Fact]
    public void TheCommandLineSaysTheContradictionWithExit78()
    {
        using var dir = new TempDir();
        var r = ReviewQueueProgram.Run(["--db", dir.File("l.db"), "series"],
            env: new Dictionary<string, string> { ["Archive__Url"] = "https://inbox.example.org/devel/", ["Digest__ArchiveUrl"] = "" });

        Assert.Equal(ExitCodes.Config, r.ExitCode);
        Assert.Contains("reviewqueue: configuration: Archive:Url (https://inbox.example.org/devel/) and its older name Digest:ArchiveUrl (empty)", r.Stderr);
    }
}
