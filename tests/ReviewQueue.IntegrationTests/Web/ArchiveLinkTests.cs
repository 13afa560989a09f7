namespace ReviewQueue.IntegrationTests.Web;

/// <summary>A project with its own public-inbox (Xen's list server, a company's own lore): Archive:Url.</summary>
public sealed class OwnArchiveHost : DashboardHost
{
    public const string Archive = "https://lists.example.org/archives/devel/";
    protected override string MoreConfig => $$""", "Archive": { "Url": "{{Archive}}" }""";
}

/// <summary>A private list: Archive:Url empty, no archive a reader could open.</summary>
public sealed class NoArchiveHost : DashboardHost
{
    protected override string MoreConfig => """, "Archive": { "Url": "" }""";
}

/// <summary>The dashboard links each mail to the archive Archive:Url names, the one the digests and am --add-link use.</summary>
public sealed class OwnArchiveLinkTests(OwnArchiveHost host) : IClassFixture<OwnArchiveHost>
{
    [Fact]
    public async Task SeriesAndSubsystemPagesLinkEachMailToTheConfiguredArchive()
    {
        var id = await ArchiveLinks.FixTopicAsync(host);
        foreach (var page in new[] { await host.GetAsync("/series/" + id), await host.GetAsync("/subsystems/THE%20REST") })
        {
            Assert.Contains($"href=\"{OwnArchiveHost.Archive}fix-0@example.org\"", page);
            Assert.DoesNotContain("lore.kernel.org", page);
        }
    }
}

public sealed class NoArchiveLinkTests(NoArchiveHost host) : IClassFixture<NoArchiveHost>
{
    [Fact]
    public async Task WithoutAnArchiveThePagesShowMessageIdsAsText()
    {
        var id = await ArchiveLinks.FixTopicAsync(host);
        var series = await host.GetAsync("/series/" + id);
        var subsystem = await host.GetAsync("/subsystems/THE%20REST");
        foreach (var page in new[] { series, subsystem })
        {
            Assert.DoesNotContain("lore.kernel.org", page);
            Assert.Contains("&lt;fix-0@example.org&gt;", page);
            Assert.DoesNotContain(">mail</a>", page);
        }
        Assert.Contains(System.Net.WebUtility.HtmlEncode(DebtMail.FixTitle), series); // the patch's title, as text
    }
}

static class ArchiveLinks
{
    /// <summary>The topic of the waiting fix, whose patch is fix-0@example.org.</summary>
    public static async Task<string> FixTopicAsync(DashboardHost host)
    {
        var backlog = System.Text.Json.JsonDocument.Parse(await host.GetAsync("/api/backlog?subsystem=THE%20REST")).RootElement;
        var fix = backlog.GetProperty("waiting")[0];
        Assert.Equal("fix-0@example.org", fix.GetProperty("message_id").GetString());
        return fix.GetProperty("topic_id").GetString()!;
    }
}
