using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReviewQueue.Configuration;
using ReviewQueue.Git.Trees;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Git;

public sealed class TreeConfigurationTests
{
    [Fact]
    public void AMissingPathWithoutRemoteIsNamedByItsKey()
    {
        using var dir = new TempDir();
        var problems = Problems(dir, new()
        {
            ["Trees:0:Name"] = "hwmon",
            ["Trees:0:Path"] = dir.File("nope"),
            ["Trees:0:Branches:0"] = "master",
            ["Trees:1:Name"] = "hwmon",
            ["Trees:1:Path"] = dir.Path,
        });
        Assert.Contains(problems, p => p.StartsWith("Trees:0:Path does not exist", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Trees:1:Name repeats", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Trees:1:Branches is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownKeyInATreeIsAnError()
    {
        using var dir = new TempDir();
        var problems = Problems(dir, new()
        {
            ["Trees:0:Name"] = "hwmon",
            ["Trees:0:Path"] = dir.Path,
            ["Trees:0:Branches:0"] = "master",
            ["Trees:0:Branch"] = "typo",
        });
        Assert.True(problems.Any(p => p.Contains("'Branch'", StringComparison.Ordinal) && p.StartsWith("Trees:0", StringComparison.Ordinal)), string.Join("\n", problems));
    }

    [Fact]
    public void ARemoteAllowsAPathThatDoesNotExistYet()
    {
        using var dir = new TempDir();
        var problems = Problems(dir, new()
        {
            ["Trees:0:Name"] = "hwmon",
            ["Trees:0:Path"] = dir.File("mirror"),
            ["Trees:0:Remote"] = "file:///srv/git/hwmon.git",
            ["Trees:0:Branches:0"] = "hwmon-next",
            ["TreeSync:Interval"] = "00:01:00",
        });
        Assert.Empty(problems);
    }

    /// <summary>
    /// Two Remotes fetched into one repository share refs/remotes/reviewqueue/: mainline's master and next's master are one
    /// ref, and each fetch prunes what the other's remote lacks. One Remote watched as two trees, or a tree without Remote
    /// reading the same repository's own branches, is fine.
    /// </summary>
    [Fact]
    public void TwoRemotesFetchedIntoOnePathAreNamedByTheKey()
    {
        using var dir = new TempDir();
        var mirror = dir.File("mirror");
        var problems = Problems(dir, new()
        {
            ["Trees:0:Name"] = "mainline",
            ["Trees:0:Path"] = mirror,
            ["Trees:0:Remote"] = "https://git.example.org/torvalds/linux.git",
            ["Trees:0:Branches:0"] = "master",
            ["Trees:1:Name"] = "next",
            ["Trees:1:Path"] = mirror + "/",
            ["Trees:1:Remote"] = "https://git.example.org/next/linux-next.git",
            ["Trees:1:Branches:0"] = "master",
            ["Trees:2:Name"] = "mainline-rc",
            ["Trees:2:Path"] = mirror,
            ["Trees:2:Remote"] = "https://git.example.org/torvalds/linux.git",
            ["Trees:2:Branches:0"] = "rc",
            ["Trees:3:Name"] = "local",
            ["Trees:3:Path"] = dir.Path,
            ["Trees:3:Branches:0"] = "master",
            ["Trees:4:Name"] = "local-next",
            ["Trees:4:Path"] = dir.Path,
            ["Trees:4:Branches:0"] = "next/master",
        });
        Assert.Equal([$"Trees:1:Path is Trees:0:Path too, which fetches another Remote into it: {mirror}/ (give each Remote a Path of its own)"], problems);
    }

    /// <summary>
    /// "Trees" written as one object instead of a list of them: it was bound as trees named by its keys, and said as
    /// "Trees:0:Name is missing", a key the file does not have, and nothing about the list.
    /// </summary>
    [Fact]
    public void TreesGivenAsOneObjectIsSaidToBeNoList()
    {
        using var dir = new TempDir();
        var problems = Problems(dir, new()
        {
            ["Trees:Name"] = "hwmon",
            ["Trees:Path"] = dir.Path,
            ["Trees:Branches:0"] = "master",
        });
        Assert.Equal(["Trees is not a list: give each tree as an entry of one, \"Trees\": [ { \"Name\": …, \"Path\": …, \"Branches\": [ … ] } ]"], problems);
    }

    /// <summary>One branch given as a string ("Branches": "master") was bound as no branch, and said as "Branches is empty".</summary>
    [Fact]
    public void BranchesGivenAsOneNameIsSaidToBeNoList()
    {
        using var dir = new TempDir();
        var problems = Problems(dir, new()
        {
            ["Trees:0:Name"] = "hwmon",
            ["Trees:0:Path"] = dir.Path,
            ["Trees:0:Branches"] = "master",
        });
        Assert.Equal(["Trees:0:Branches is one name, not a list: give [\"master\"] (Trees__0__Branches__0=master in the environment)"], problems);
    }

    /// <summary>libgit2 takes the fetch timeout in milliseconds, as an int; 0 would be its default, no timeout at all.</summary>
    [Theory]
    [InlineData("00:00:00")]
    [InlineData("25.00:00:00")]
    public void AFetchTimeoutLibgit2CannotTakeIsNamedByItsKey(string timeout)
    {
        using var dir = new TempDir();
        var problems = Problems(dir, new() { ["TreeSync:FetchTimeout"] = timeout });
        Assert.Equal([$"TreeSync:FetchTimeout must be from 00:00:01 to 24.00:00:00 (is {TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture)})"],
            problems);
    }

    [Theory]
    [InlineData("Link: https://patch.msgid.link/20240701073252.317397-1-a@example.com", "20240701073252.317397-1-a@example.com")]
    [InlineData("Link: https://lore.kernel.org/r/20240701.1-2-a@example.com", "20240701.1-2-a@example.com")]
    [InlineData("Link: https://lore.kernel.org/linux-hwmon/abc%2Bdef@example.com/T/", "abc+def@example.com")]
    [InlineData("Link: https://inbox.example.org/devel/20240701.1-2-a@example.com", "20240701.1-2-a@example.com")]
    [InlineData("Link: https://lists.example.org/archives/html/xen-devel/20240701.1-2-a@example.com", "20240701.1-2-a@example.com")]
    [InlineData("Message-Id: <xyz@example.com>", "xyz@example.com")]
    public void CommitTrailersNameTheLinkedMessage(string trailer, string id) =>
        Assert.Equal([id], CommitTrailers.LinkedMessageIds($"hwmon: fix\n\nBody.\n\n{trailer}\nSigned-off-by: A <a@example.com>\n"));

    [Fact]
    public void ALinkToSomethingElseIsNotAMessage() =>
        Assert.Empty(CommitTrailers.LinkedMessageIds("x\n\nLink: https://bugzilla.kernel.org/show_bug.cgi?id=1\n"));

    static IReadOnlyList<string> Problems(TempDir dir, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection([new("Ledger:Database", dir.File("l.db"))]);
        builder.Services.AddReviewQueue(builder.Configuration);
        using var host = builder.Build();
        return host.Services.GetRequiredService<SectionCheck>().Run(host.Services);
    }
}
