using System.Diagnostics;
using System.Text.Json;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ReviewQueue.Digest;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.MailStack;

/// <summary>
/// Dovecot + Postfix + an mlmmj list, and `run`: the service subscribes itself to the list by mail,
/// git send-email posts real patch series to it, a reviewer answers one with Reviewed-by, the worker
/// receives everything over IDLE, and a digest goes through Postfix to a subscriber's mailbox.
///
///   devel@lists.localhost
///   ├─ [PATCH 1/2] hwmon: (demo) add the sensor table     (series A, unreviewed)
///   │  └─ [PATCH 2/2] hwmon: (demo) report temperature
///   └─ [PATCH] hwmon: (other) fix a typo in a comment     (series B)
///      └─ Re: … Reviewed-by: Rita Reviewer &lt;rita@localhost&gt;
/// </summary>
public sealed class MailInAndOutEndToEndTests(ITestOutputHelper output)
{
    static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PatchesPostedToASubscribedListReachTheLedgerAndTheUnreviewedOnesTheDigest()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq", "sub"], list: "devel");
        var list = stack.List!;
        // The digest comes from the product's own backlog (BacklogDigestSource).
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path);

        // 1. Subscribe by mail (the CLI, as an operator would), answering mlmmj's confirmation.
        var subscribe = service.Cli("subscribe", list.Address, "--account", "rq", "--software", "mlmmj", "--timeout", "00:00:45");
        Assert.True(subscribe.ExitCode == 0, subscribe.Stderr + subscribe.Stdout + stack.Postfix.Log);
        await WaitAsync(() => list.Subscribers().Contains("rq@localhost"), "mlmmj to record the subscriber");
        var lists = JsonDocument.Parse(service.Cli("lists", "--json").Stdout).RootElement;
        Assert.Equal("confirmed", lists[0].GetProperty("state").GetString());
        Assert.Equal(list.ListId, lists[0].GetProperty("list_id").GetString());

        // 2. A contributor posts two series with git send-email; a reviewer answers series B.
        using var repo = new TempDir("rq-repo");
        var patches = MakeSeries(repo.Path);
        var clock = Stopwatch.StartNew();
        foreach (var series in patches)
            SendEmail(repo.Path, stack.Postfix.Port, list.Address, series);
        var sent = clock.Elapsed;
        await service.WaitForAsync(async () => await service.CountAsync("list_id = @id AND subject LIKE '[PATCH%'", new { id = list.ListId }) == 3,
            Soon, "the 3 patches from the list");
        output.WriteLine($"git send-email of 3 patches took {sent.TotalMilliseconds:0} ms; all 3 in the ledger {(clock.Elapsed - sent).TotalMilliseconds:0} ms after it returned");

        var typo = await MessageIdOfAsync(service, "%fix a typo%");
        await ServiceUnderTest.SendAsync(stack.Postfix.Port, ServiceUnderTest.Mail("Rita Reviewer <rita@localhost>", list.Address,
            "Re: [PATCH] hwmon: (other) fix a typo in a comment",
            "> fix a typo\n\nLooks right.\n\nReviewed-by: Rita Reviewer <rita@localhost>\n", "<" + typo + ">"));
        await service.WaitForAsync(async () => await service.CountAsync("list_id = @id AND subject LIKE 'Re:%'", new { id = list.ListId }) == 1,
            Soon, "the review");
        lists = JsonDocument.Parse(service.Cli("lists", "--json").Stdout).RootElement;
        Assert.Equal("active", lists[0].GetProperty("state").GetString());
        Assert.True(lists[0].GetProperty("messages").GetInt64() >= 4);

        // 3. A digest subscriber, every minute; the running service sends the first digest at the next minute, not at once.
        var subscribed = DateTimeOffset.UtcNow;
        var digestSubscribe = service.Cli("digest", "subscribe", "sub@localhost", "--every", "* * * * *", "--min-age", "0d");
        Assert.True(digestSubscribe.ExitCode == 0, digestSubscribe.Stderr);
        var digest = await ReadDigestAsync(stack.Dovecot.Port, TimeSpan.FromSeconds(90));
        Assert.True(digest.Date >= new DateTimeOffset(subscribed.Ticks - subscribed.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(1),
            $"the first digest ({digest.Date:O}) came before the minute after subscribing ({subscribed:O})");

        var text = digest.TextBody ?? "";
        // The backlog names series (by cover letter, else first patch): series A waits, B was reviewed.
        Assert.Contains("hwmon: (demo) add the sensor table", text);
        Assert.Contains("0 of 2 patches reviewed", string.Join(" ", text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)));
        Assert.DoesNotContain("fix a typo", text);
        Assert.DoesNotContain("fix a typo", digest.HtmlBody ?? "");
        Assert.IsType<MultipartAlternative>(digest.Body);
        Assert.Equal("auto-generated", digest.Headers["Auto-Submitted"]);
        Assert.Contains(service.WebUrl + "/unsubscribe/", digest.Headers["List-Unsubscribe"]);
        // The dashboard is http here: no one-click header, which RFC 8058 allows for HTTPS alone.
        Assert.Null(digest.Headers["List-Unsubscribe-Post"]);

        // 4. A POST to the link (the page's button, or a client's one click) ends the subscription.
        var unsubscribe = (digest.Headers["List-Unsubscribe"] ?? "").Split(',')[0].Trim().Trim('<', '>');
        using var http = new HttpClient();
        var answer = await http.PostAsync(unsubscribe, new StringContent("List-Unsubscribe=One-Click"), TestContext.Current.CancellationToken);
        Assert.True(answer.IsSuccessStatusCode, answer.ToString());
        Assert.Contains("no digest subscriptions", service.Cli("digest", "list").Stdout);
    }

    static async Task<string> MessageIdOfAsync(ServiceUnderTest service, string subjectLike)
    {
        await using var c = await service.Ledger.ConnectAsync(CancellationToken.None);
        return await Dapper.SqlMapper.ExecuteScalarAsync<string>(c, "SELECT message_id FROM messages WHERE subject LIKE @subjectLike",
            new { subjectLike }) ?? throw new InvalidOperationException("no message " + subjectLike);
    }

    static async Task<MimeMessage> ReadDigestAsync(int imapPort, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        using var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", imapPort, SecureSocketOptions.None);
        await client.AuthenticateAsync("sub", "sub");
        while (true)
        {
            await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
            if (client.Inbox.Count > 0)
            {
                Assert.Equal(1, client.Inbox.Count);
                return await client.Inbox.GetMessageAsync(0);
            }
            Assert.True(DateTime.UtcNow < until, "no digest arrived in sub@localhost's mailbox");
            await Task.Delay(200);
        }
    }

    /// <summary>A repository with two topic branches, each made into patches by git format-patch.</summary>
    static IReadOnlyList<string[]> MakeSeries(string repo)
    {
        Run.Git(repo, "init", "-q", "-b", "main");
        Directory.CreateDirectory(Path.Combine(repo, "drivers", "hwmon"));
        File.WriteAllText(Path.Combine(repo, "drivers", "hwmon", "demo.c"), "// demo sensor\nint demo;\n");
        File.WriteAllText(Path.Combine(repo, "drivers", "hwmon", "other.c"), "// an other sensr\nint other;\n");
        Run.Git(repo, "add", ".");
        Run.Git(repo, "commit", "-q", "-m", "base");

        Run.Git(repo, "checkout", "-q", "-b", "demo");
        File.AppendAllText(Path.Combine(repo, "drivers", "hwmon", "demo.c"), "static const int table[] = { 1, 2, 3 };\n");
        Run.Git(repo, "commit", "-q", "-a", "-m", "hwmon: (demo) add the sensor table\n\nSigned-off-by: Ada Author <ada@localhost>");
        File.AppendAllText(Path.Combine(repo, "drivers", "hwmon", "demo.c"), "int temperature(void) { return table[0]; }\n");
        Run.Git(repo, "commit", "-q", "-a", "-m", "hwmon: (demo) report temperature\n\nSigned-off-by: Ada Author <ada@localhost>");
        Run.Git(repo, "format-patch", "-q", "-o", "out-a", "main..demo");

        Run.Git(repo, "checkout", "-q", "-b", "typo", "main");
        File.WriteAllText(Path.Combine(repo, "drivers", "hwmon", "other.c"), "// an other sensor\nint other;\n");
        Run.Git(repo, "commit", "-q", "-a", "-m", "hwmon: (other) fix a typo in a comment\n\nSigned-off-by: Ada Author <ada@localhost>");
        Run.Git(repo, "format-patch", "-q", "-o", "out-b", "main..typo");
        return [Directory.GetFiles(Path.Combine(repo, "out-a")).Order().ToArray(), Directory.GetFiles(Path.Combine(repo, "out-b")).Order().ToArray()];
    }

    static void SendEmail(string repo, int port, string to, string[] files) =>
        Run.Git(repo, ["send-email", "--smtp-server=127.0.0.1", $"--smtp-server-port={port}", "--confirm=never", "--suppress-cc=all",
            "--no-validate", "--from=Ada Author <ada@localhost>", $"--to={to}", .. files]);

    static async Task WaitAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Soon;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }
}
