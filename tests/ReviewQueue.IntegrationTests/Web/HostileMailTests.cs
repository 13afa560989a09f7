using System.Text.Json;
using Microsoft.Playwright;

namespace ReviewQueue.IntegrationTests.Web;

/// <summary>
/// Mail written to break the dashboard (<see cref="HostileMail"/>): every page in Debian's headless Chromium runs nothing,
/// links nowhere but to itself and the archive, keeps the page's width and its own words in order, and every API answer
/// is JSON that keeps the mail as written.
/// </summary>
public sealed class HostileMailTests(HostileDashboardHost host) : IClassFixture<HostileDashboardHost>
{
    const string Chromium = "/usr/bin/chromium";

    List<(string Id, string Title)> Topics()
    {
        var cli = host.Cli("series", "--json");
        Assert.True(cli.ExitCode == 0, cli.Stderr);
        return JsonDocument.Parse(cli.Stdout).RootElement.EnumerateArray()
            .Select(t => (t.GetProperty("id").GetString()!, t.GetProperty("title").GetString()!)).ToList();
    }

    [Fact]
    public async Task EveryApiAnswerIsJsonThatKeepsTheMailAsWritten()
    {
        var topics = Topics();
        Assert.Equal(HostileMail.Count, topics.Count);
        Assert.Contains(topics, t => t.Title == HostileMail.HtmlSubject);
        Assert.Contains(topics, t => t.Title == HostileMail.LongSubject);
        var paths = new List<string> { "/api/backlog", "/api/history", "/api/people" };
        foreach (var section in new[] { "THE REST", HostileMail.HtmlSection, HostileMail.JsSection, HostileMail.RtlSection })
            paths.AddRange([$"/api/backlog?subsystem={Uri.EscapeDataString(section)}", $"/api/history?subsystem={Uri.EscapeDataString(section)}"]);
        foreach (var (id, title) in topics)
        {
            var (status, body, type) = await host.GetAnyAsync("/api/series/" + id);
            Assert.Equal((200, "application/json"), (status, type));
            Assert.Equal(title, JsonDocument.Parse(body).RootElement.GetProperty("title").GetString());
        }
        foreach (var path in paths)
        {
            var (status, body, type) = await host.GetAnyAsync(path);
            Assert.True((status, type) == (200, "application/json"), $"{path}: {status} {type}");
            JsonDocument.Parse(body).Dispose();
        }
        var html = JsonDocument.Parse(await host.GetAsync("/api/backlog?subsystem=" + Uri.EscapeDataString(HostileMail.HtmlSection))).RootElement;
        Assert.Equal(HostileMail.HtmlSection, html.GetProperty("subsystems")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task EveryPageRunsNothingAndKeepsItsWidth()
    {
        await using var browser = await LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var dialogs = new List<string>();
        page.Dialog += (_, d) => { dialogs.Add(d.Message); _ = d.DismissAsync(); };
        var elsewhere = new List<string>();
        page.Request += (_, r) => { if (!r.Url.StartsWith(host.BaseUrl, StringComparison.Ordinal)) elsewhere.Add(r.Url); };

        var pages = new List<string> { "/", "/people" };
        await page.GotoAsync(host.BaseUrl + "/");
        var sections = await page.EvalOnSelectorAllAsync<string[]>("a[href^='/subsystems/']", "as => as.map(a => a.getAttribute('href'))");
        Assert.Equal(4, sections.Length); // THE REST and the three hostile names, each linking back to itself
        pages.AddRange(sections);
        pages.AddRange(Topics().Select(t => "/series/" + t.Id));
        foreach (var path in pages)
        {
            var response = await page.GotoAsync(host.BaseUrl + path);
            Assert.True(response!.Status == 200, $"{path}: {response.Status}");
            Assert.Equal(0, await page.Locator("script, img, iframe, object, embed").CountAsync());
            Assert.Equal("", await page.EvaluateAsync<string>(
                "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes]).filter(a => a.name.startsWith('on')).map(a => a.name).join(' ')"));
            Assert.Equal("", await page.EvaluateAsync<string>(
                "[...document.querySelectorAll('[href],[action]')].map(e => e.getAttribute('href') ?? e.getAttribute('action'))" +
                ".filter(h => !h.startsWith('/') && !h.startsWith('https://lore.kernel.org/r/')).join(' ')"));
            // A 2,000-character word, a 500-character Message-ID: they wrap, the page does not scroll sideways.
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0,
                $"{path} is wider than the window");
        }
        Assert.Empty(dialogs);
        Assert.Empty(elsewhere);
    }

    /// <summary>
    /// A right-to-left override in a name ran on past it: "Topic … by Eve 1 fo 0 ,deweivernu woN .CTU 00:20 80-10-6202 detsop
    /// tsrif", the page's own words and dates shown backwards (the state reading "deweivernu").
    /// </summary>
    [Fact]
    public async Task AnOverrideInMailDoesNotTurnThePagesOwnWordsAround()
    {
        var rtl = Topics().Single(t => t.Title.Contains(HostileMail.Rlo)).Id;
        await using var browser = await LaunchAsync();
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await page.GotoAsync(host.BaseUrl + "/series/" + rtl);
        foreach (var words in new[] { "first posted", "last activity", "The collected trailers" })
            Assert.True(await page.EvaluateAsync<bool>("""
                words => {
                    const walk = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
                    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
                        const i = n.data.indexOf(words);
                        if (i < 0) continue;
                        const at = k => { const r = document.createRange(); r.setStart(n, k); r.setEnd(n, k + 1); return r.getBoundingClientRect().left; };
                        return at(i) < at(i + words.length - 1);
                    }
                    throw new Error('not on the page: ' + words);
                }
                """, words), $"\"{words}\" is shown right to left");
    }

    static async Task<BrowserHandle> LaunchAsync()
    {
        if (!File.Exists(Chromium))
            Assert.Skip($"{Chromium} is absent: install Debian's chromium to run the browser test");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        return new BrowserHandle(playwright, browser);
    }

    sealed class BrowserHandle(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
    {
        public Task<IPage> NewPageAsync(BrowserNewPageOptions options) => browser.NewPageAsync(options);

        public async ValueTask DisposeAsync()
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
