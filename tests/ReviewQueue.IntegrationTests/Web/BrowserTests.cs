using Microsoft.Playwright;
using ReviewQueue.Core.Review;
using ReviewQueue.Debt;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Web;

/// <summary>Every page in Debian's headless Chromium (never a downloaded browser): content, no script, nothing from other hosts.</summary>
public sealed class BrowserTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    const string Chromium = "/usr/bin/chromium";

    static string Screenshots
    {
        get
        {
            var dir = RepoPaths.Of("TestResults", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    [Fact]
    public async Task EveryPageReadsWellInChromiumAndRunsNothingFromMail()
    {
        if (!File.Exists(Chromium))
            Assert.Skip($"{Chromium} is absent: install Debian's chromium to run the browser test");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var dialogs = new List<string>();
        page.Dialog += (_, d) => { dialogs.Add(d.Message); _ = d.DismissAsync(); };
        var elsewhere = new List<string>();
        page.Request += (_, r) => { if (!r.Url.StartsWith(host.BaseUrl, StringComparison.Ordinal)) elsewhere.Add(r.Url); };
        // What the console says is wrong (a blocked style, an address that fails, the browser's own /favicon.ico).
        var consoleErrors = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") consoleErrors.Add($"{m.Text} ({m.Location})"); };

        await Visit("/", "overview", ["Review debt by subsystem", "THE REST", "Debt over time", "unreviewed fixes"]);
        Assert.Equal(1, await page.Locator("svg.chart polyline").First.CountAsync());

        await page.ClickAsync("text=THE REST");
        await Expect("subsystem", ["Waiting series", DebtMail.FixTitle, DebtMail.XssSubject, "mail"]);
        Assert.Equal("https://lore.kernel.org/r/fix-0@example.org",
            await page.Locator("a:text-is('mail')").First.GetAttributeAsync("href"));

        // Long words (identifiers in titles, addresses) wrap in their cells: the table stays inside the page on a laptop's screen.
        await page.SetViewportSizeAsync(1024, 900);
        Assert.Equal(0, await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth"));
        await page.SetViewportSizeAsync(1280, 900);

        await page.ClickAsync($"text={DebtMail.FixTitle}");
        await Expect("series", ["State history", "v1 posted", "hwmon: (demo) clamp the divisor", "fix"]);

        await page.GotoAsync(host.BaseUrl + "/people");
        await Expect("people", ["Per person", "Rob Reviewer", "Per mail domain", "example.org", "evil.example.net"]);

        await page.GotoAsync(host.BaseUrl + "/subsystems/THE%20REST");
        await page.ClickAsync($"text={DebtMail.XssSubject}");
        await Expect("series-hostile", [DebtMail.XssSubject, DebtMail.XssName]);
        Assert.Equal(0, await page.Locator("script").CountAsync());
        Assert.Equal(0, await page.Locator("main img").CountAsync());

        await Visit("/api/backlog", "api-backlog", ["\"subsystems\""]);
        await Visit("/people", "people-again", ["Per person"]);

        Assert.Empty(dialogs);
        Assert.Empty(elsewhere);
        Assert.Empty(consoleErrors);

        async Task Visit(string path, string name, string[] texts)
        {
            var response = await page.GotoAsync(host.BaseUrl + path);
            Assert.Equal(200, response!.Status);
            await Expect(name, texts);
        }

        async Task Expect(string name, string[] texts)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
            var text = await page.InnerTextAsync("body");
            foreach (var t in texts)
                Assert.Contains(t, text);
        }
    }

    /// <summary>
    /// Long words wrap in their cells, figures never do: the overview of a real list (hwmon's 152 sections, patch-days
    /// such as 132296.4) broke its ranks from 10 on and its largest figures across two lines.
    /// </summary>
    [Fact]
    public async Task FiguresInTheOverviewStayWhole()
    {
        if (!File.Exists(Chromium))
            Assert.Skip($"{Chromium} is absent: install Debian's chromium to run the browser test");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Args = ["--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var posted = DateTimeOffset.Parse("2024-07-03T08:31:29Z");
        var sections = Enumerable.Range(1, 12).Select(i => new SubsystemDebt($"SECTION {i} HARDWARE MONITOR DRIVER", 76, 172, 4, 4, 132296.43,
            new OldestWaiter("e8c957238b33", "hwmon: (npcm750-pwm-fan) Use devm_platform_ioremap_resource_byname() instead", posted, 877.81),
            76, new Durations(61, 14.4, 170.1), 78, 15, 0.192)).ToList();
        var view = new BacklogView(posted.AddDays(900), "stored", sections[0], sections, null);
        await page.SetContentAsync(ReviewQueue.Web.Backlog.OverviewPage.Render(view, [], null, ReviewQueue.Web.SiteLinks.AtRoot));
        Assert.Equal("", await page.EvaluateAsync<string>("""
            [...document.querySelectorAll('td')].flatMap(td => [...td.childNodes]).filter(n => n.nodeType === Node.TEXT_NODE && /^[0-9.]+$/.test(n.data))
                .filter(n => { const r = document.createRange(); r.selectNodeContents(n); return r.getClientRects().length > 1; })
                .map(n => n.data).join(' ')
            """));
    }
}
