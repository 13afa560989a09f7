using System.Text.Json;

namespace ReviewQueue.IntegrationTests.Web;

/// <summary>The written archive (DebtMail) under a MAINTAINERS whose sections have a '/' in their names, and one nothing waits in.</summary>
public sealed class SectionsHost : DashboardHost
{
    public const string Hwmon = "HARDWARE MONITORING";
    public const string Fan = "ARM/DEMO FAN DRIVER";
    public const string Sparc = "SPARC + UltraSPARC (sparc/sparc64)";
    /// <summary>Its one series (Bob's lm75 patch) is reviewed: the section has a row and nothing waits in it.</summary>
    public const string Lm75 = "LM75 HARDWARE MONITOR DRIVER";

    protected override string Maintainers => $"""
        {Hwmon}
        M:	Mia Maintainer <mia@example.org>
        L:	linux-hwmon@vger.kernel.org
        S:	Maintained
        F:	drivers/hwmon/

        {Fan}
        M:	Fay Fan <fay@example.org>
        S:	Maintained
        F:	drivers/hwmon/demo.c

        {Lm75}
        M:	Lou Lm <lou@example.org>
        S:	Maintained
        F:	drivers/hwmon/lm75.c

        EVIL SENSOR DRIVER
        M:	Mia Maintainer <mia@example.org>
        S:	Maintained
        F:	drivers/hwmon/evil.c

        {Sparc}
        M:	Sam Sparc <sam@example.org>
        S:	Maintained
        F:	arch/sparc/

        THE REST
        L:	linux-kernel@vger.kernel.org
        S:	Buried alive in reporters
        F:	*
        F:	*/
        """;
}

/// <summary>Sections are asked for by name in any case, with '/' escaped or not; a miss says whether the section exists.</summary>
public sealed class SectionLookupTests(SectionsHost host) : IClassFixture<SectionsHost>
{
    static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public async Task ASectionIsFoundWhateverTheCaseAndNamedAsMaintainersSpellsIt()
    {
        var page = await host.GetAsync("/subsystems/hardware%20monitoring");
        Assert.Contains($"<h1>{SectionsHost.Hwmon}</h1>", page);

        var api = Parse(await host.GetAsync("/api/backlog?subsystem=hardware%20monitoring"));
        Assert.Equal(SectionsHost.Hwmon, api.GetProperty("subsystems")[0].GetProperty("name").GetString());
        Assert.NotEmpty(api.GetProperty("waiting").EnumerateArray());
        Assert.Equal(await host.GetAsync("/api/backlog?subsystem=HARDWARE%20MONITORING"), await host.GetAsync("/api/backlog?subsystem=Hardware%20Monitoring"));

        var history = await host.GetAsync("/api/history?subsystem=hardware%20monitoring");
        Assert.NotEmpty(Parse(history).EnumerateArray());
        Assert.Equal(await host.GetAsync("/api/history?subsystem=HARDWARE%20MONITORING"), history);

        var cli = host.Cli("backlog", "--subsystem", "hardware monitoring");
        Assert.True(cli.ExitCode == 0, cli.Stderr);
        Assert.Contains($"Waiting in {SectionsHost.Hwmon}", cli.Stdout);
    }

    [Fact]
    public async Task AnUnknownNameIsToldFromASectionWithNothingWaiting()
    {
        var typo = await host.GetAnyAsync("/api/backlog?subsystem=HARDWARE%20MONITORIN");
        Assert.Equal(404, typo.Status);
        var miss = Parse(typo.Body);
        Assert.Contains("no section named 'HARDWARE MONITORIN'", miss.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, miss.GetProperty("section").ValueKind);
        Assert.Equal(SectionsHost.Hwmon, miss.GetProperty("suggestions")[0].GetString());

        var idle = await host.GetAnyAsync("/api/backlog?subsystem=" + Uri.EscapeDataString(SectionsHost.Sparc.ToLowerInvariant()));
        Assert.Equal(404, idle.Status);
        Assert.Equal(SectionsHost.Sparc, Parse(idle.Body).GetProperty("section").GetString());
        Assert.Contains("nothing waits for review in " + SectionsHost.Sparc, Parse(idle.Body).GetProperty("error").GetString());

        var page = await host.GetAnyAsync("/subsystems/" + Uri.EscapeDataString(SectionsHost.Sparc));
        Assert.Equal(404, page.Status);
        Assert.Contains("Nothing waits for review in SPARC + UltraSPARC (sparc/sparc64).", System.Net.WebUtility.HtmlDecode(page.Body));
        var typoPage = await host.GetAnyAsync("/subsystems/HARDWARE%20MONITORIN");
        Assert.Equal(404, typoPage.Status);
        Assert.Contains("did you mean 'HARDWARE MONITORING'", System.Net.WebUtility.HtmlDecode(typoPage.Body));

        var cli = host.Cli("backlog", "--subsystem", "hardware monitorin");
        Assert.Equal(66, cli.ExitCode);
        Assert.Contains("no section named 'hardware monitorin' (did you mean 'HARDWARE MONITORING'", cli.Stderr);
        var idleCli = host.Cli("backlog", "--subsystem", SectionsHost.Sparc);
        Assert.Equal(66, idleCli.ExitCode);
        Assert.Contains("nothing waits for review in " + SectionsHost.Sparc, idleCli.Stderr);
    }

    [Fact]
    public async Task ASectionWhoseSeriesAreAllReviewedShowsItsRowAndSaysNothingWaits()
    {
        var api = Parse(await host.GetAsync("/api/backlog?subsystem=" + Uri.EscapeDataString(SectionsHost.Lm75)));
        Assert.Equal(SectionsHost.Lm75, api.GetProperty("subsystems")[0].GetProperty("name").GetString());
        Assert.Empty(api.GetProperty("waiting").EnumerateArray());

        // Its row (first review, reviewed before accepted) is an answer; an empty table of waiting series is not.
        var cli = host.Cli("backlog", "--subsystem", SectionsHost.Lm75.ToLowerInvariant());
        Assert.True(cli.ExitCode == 0, cli.Stderr);
        Assert.Contains(SectionsHost.Lm75, cli.Stdout);
        Assert.Contains("Nothing waits for review in " + SectionsHost.Lm75 + ".", cli.Stdout);
        Assert.DoesNotContain("Waiting in", cli.Stdout);
    }

    [Fact]
    public async Task HistoryOfAnUnknownSectionIsNotFoundAsItsBacklogIs()
    {
        var history = await host.GetAnyAsync("/api/history?subsystem=NO%20SUCH");
        var backlog = await host.GetAnyAsync("/api/backlog?subsystem=NO%20SUCH");
        Assert.Equal((404, 404), (history.Status, backlog.Status));
        Assert.Equal(backlog.Body, history.Body);
        // A section that exists has a history, empty while it never had debt.
        Assert.Equal(200, (await host.GetAnyAsync("/api/history?subsystem=" + Uri.EscapeDataString(SectionsHost.Sparc))).Status);
    }

    [Fact]
    public async Task OneOfAThingIsSingularOnThePages()
    {
        // Bob's one-patch series, with one reply (Rob's review).
        var series = System.Net.WebUtility.HtmlDecode(await host.GetAsync("/series/rev-1@example.org"));
        Assert.Contains("1 reply<", series);
        Assert.Contains("posted (1 patch)", series);
        Assert.Contains("1 of 1 patch reviewed", series);
        Assert.DoesNotContain("1 replies", series);
        Assert.DoesNotContain("1 patches", series);

        var section = System.Net.WebUtility.HtmlDecode(await host.GetAsync("/subsystems/EVIL%20SENSOR%20DRIVER"));
        Assert.Contains("with 1 unreviewed patch,", section);
        Assert.DoesNotContain("1 patches", section);
    }

    [Theory]
    [InlineData("/subsystems/ARM%2FDEMO%20FAN%20DRIVER")]
    [InlineData("/subsystems/ARM%2fDEMO%20FAN%20DRIVER")]
    [InlineData("/subsystems/ARM/DEMO%20FAN%20DRIVER")]
    [InlineData("/subsystems/arm%2Fdemo%20fan%20driver")]
    public async Task AnEscapedSlashInASectionNameFindsTheSection(string path)
    {
        var page = await host.GetAsync(path);
        Assert.Contains($"<h1>{SectionsHost.Fan}</h1>", page);
        Assert.Contains(DebtMail.FixTitle, page);
    }
}
