using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Playwright;
using ReviewQueue.Debt;
using ReviewQueue.Storage;

namespace ReviewQueue.IntegrationTests.Web;

/// <summary>
/// The written archive (DebtMail) and one more series outside drivers/hwmon/, under a MAINTAINERS as Linux's is: two
/// named sections and THE REST, which every file is in. THE REST holds every waiting series, so by its debt alone it
/// ranks first:
///   HARDWARE MONITORING   the fix series (demo.c) and Eve's (evil.c)          1 fix
///   DEMO FAN DRIVER       the fix series                                      1 fix
///   THE REST              both, and Cy's init/main.c patch, the oldest        1 fix, most patch-days and series
/// </summary>
public class TheRestHost : DashboardHost
{
    public const string Hwmon = "HARDWARE MONITORING";
    public const string Fan = "DEMO FAN DRIVER";
    public const string Rest = "THE REST";
    public const string InitTitle = "init: say the banner once";

    protected override string Maintainers => $"""
        {Fan}
        M:	Fay Fan <fay@example.org>
        S:	Maintained
        F:	drivers/hwmon/demo.c

        {Hwmon}
        M:	Mia Maintainer <mia@example.org>
        L:	linux-hwmon@vger.kernel.org
        S:	Maintained
        F:	drivers/hwmon/

        {Rest}
        M:	Linus Torvalds <torvalds@linux-foundation.org>
        L:	linux-kernel@vger.kernel.org
        S:	Buried alive in reporters
        F:	*
        F:	*/
        """;

    protected override string Mbox() => DebtMail.Mbox() + MailText.MboxEntry(DebtMail.Patch("init-1", "Cy Coder <cy@example.org>",
        "Sat, 3 Jan 2026 09:00:00 +0000", "[PATCH] " + InitTitle, null, "Print it once.\n\nSigned-off-by: Cy Coder <cy@example.org>\n",
        file: "init/main.c", line: 7));
}

/// <summary>
/// The backlog ranks the named sections by their debt and lists THE REST after them, with its own figures: in the CLI's
/// table, CSV and JSON, the API and the dashboard's overview alike, now and as of a day (the digest names it last too).
/// </summary>
public sealed class TheRestLastTests(TheRestHost host) : IClassFixture<TheRestHost>
{
    static readonly string[] Expected = [TheRestHost.Hwmon, TheRestHost.Fan, TheRestHost.Rest];

    static List<string> Names(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("subsystems").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToList();

    [Fact]
    public async Task TheRestComesAfterTheNamedSectionsWithItsOwnFigures()
    {
        var json = host.Cli("backlog", "--json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        Assert.Equal(Expected, Names(json.Stdout));
        // Still shown whole: every waiting series is in it.
        var rest = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("subsystems")[2];
        Assert.Equal(3, rest.GetProperty("open_series").GetInt32());
        Assert.Equal(4, rest.GetProperty("waiting_patches").GetInt32());
        Assert.Equal(1, rest.GetProperty("waiting_fixes").GetInt32());
        Assert.Equal(TheRestHost.InitTitle, rest.GetProperty("oldest").GetProperty("title").GetString());

        // Printed as the refresh stored it, with the order it was written in.
        Assert.Equal(json.Stdout.TrimEnd('\n'), await new DebtStore(new Ledger(host.Database)).BacklogJsonAsync(TestContext.Current.CancellationToken));
        Assert.Equal(json.Stdout.TrimEnd('\n'), await host.GetAsync("/api/backlog"));
        Assert.Equal(Expected, Names(await host.GetAsync("/api/backlog?as_of=" + DateTime.UtcNow.ToString("yyyy-MM-dd"))));
        Assert.Equal(Expected, Names(host.Cli("backlog", "--json", "--as-of", "2026-01-09").Stdout));

        var table = host.Cli("backlog");
        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Equal(["1 " + Expected[0], "2 " + Expected[1], "3 " + Expected[2]], Ranked(table.Stdout));

        var csv = host.Cli("backlog", "--csv").Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1);
        Assert.Equal(Expected, csv.Select(l => l.Split(',')[0]));

        Assert.Equal(["1 " + Expected[0], "2 " + Expected[1], "3 " + Expected[2]], Overview(await host.GetAsync("/")));
    }

    /// <summary>The overview as Chromium shows it: the named sections first, THE REST last with its figures, and why.</summary>
    [Fact]
    public async Task TheOverviewInChromiumListsTheRestLast()
    {
        const string chromium = "/usr/bin/chromium";
        if (!File.Exists(chromium))
            Assert.Skip($"{chromium} is absent: install Debian's chromium to run the browser test");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Args = ["--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });

        Assert.Equal(200, (await page.GotoAsync(host.BaseUrl + "/"))!.Status);

        Assert.Equal(Expected, await page.Locator("table.debt tbody tr td:nth-child(2)").AllInnerTextsAsync());
        Assert.Equal(["3", "4", "1"], (await page.Locator("table.debt tbody tr:last-child td").AllInnerTextsAsync()).Skip(2).Take(3));
        Assert.Contains("THE REST last", await page.InnerTextAsync("p.sub"));
        await page.ClickAsync("text=THE REST");
        Assert.Contains(TheRestHost.InitTitle, await page.InnerTextAsync("body"));
    }

    /// <summary>Each row of the piped table as its rank and section.</summary>
    public static List<string> Ranked(string table) =>
        table.Split('\n').Select(l => Regex.Match(l, @"^\s*([0-9]+)\s+(\S+(?: \S+)*)")).Where(m => m.Success)
            .Select(m => m.Groups[1].Value + " " + m.Groups[2].Value).ToList();

    /// <summary>The overview's rows as their rank and section.</summary>
    public static List<string> Overview(string html) =>
        Regex.Matches(html, "<tr><td class=\"n\">([0-9]+)</td><td><a href=\"[^\"]*\">([^<]*)</a>")
            .Select(m => m.Groups[1].Value + " " + m.Groups[2].Value).ToList();
}

/// <summary>
/// The same ledger as the builds before THE REST was ranked last left it: THE REST ranked first in debt_subsystems and in
/// the stored backlog JSON, and no record of the order that JSON was written in.
/// </summary>
public sealed class EarlierRankedHost : TheRestHost
{
    protected override void BeforeRun()
    {
        using var c = new Ledger(Database).Connect();
        c.Execute("UPDATE debt_subsystems SET rank = CASE name WHEN @rest THEN 1 ELSE rank + 1 END", new { rest = Rest });
        var backlog = JsonNode.Parse(c.ExecuteScalar<string>("SELECT value FROM meta WHERE key = @key", new { key = DebtStore.BacklogJsonKey })!)!;
        var sections = backlog["subsystems"]!.AsArray();
        var rest = sections.Single(s => (string?)s!["name"] == Rest)!;
        sections.Remove(rest);
        sections.Insert(0, rest);
        c.Execute("UPDATE meta SET value = @value WHERE key = @key", new { key = DebtStore.BacklogJsonKey, value = backlog.ToJsonString(DebtJson.Options) });
        c.Execute("DELETE FROM meta WHERE key = @key", new { key = DebtStore.BacklogJsonByKey });
    }
}

/// <summary>A ledger on disk ranked by an earlier build shows THE REST last at once, not after its next refresh.</summary>
public sealed class EarlierRankedLedgerTests(EarlierRankedHost host) : IClassFixture<EarlierRankedHost>
{
    static readonly string[] Expected = [TheRestHost.Hwmon, TheRestHost.Fan, TheRestHost.Rest];

    [Fact]
    public async Task TheRestIsShownLastFromTheStoredRows()
    {
        var json = host.Cli("backlog", "--json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        Assert.Equal(Expected, JsonDocument.Parse(json.Stdout).RootElement.GetProperty("subsystems").EnumerateArray()
            .Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(json.Stdout.TrimEnd('\n'), await host.GetAsync("/api/backlog"));
        Assert.Equal(["1 " + Expected[0], "2 " + Expected[1], "3 " + Expected[2]], TheRestLastTests.Ranked(host.Cli("backlog").Stdout));
        Assert.Equal(["1 " + Expected[0], "2 " + Expected[1], "3 " + Expected[2]], TheRestLastTests.Overview(await host.GetAsync("/")));
    }
}
