using System.Text.Json;
using Dapper;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using ReviewQueue.Commands;
using ReviewQueue.Imap;
using ReviewQueue.Storage;

namespace ReviewQueue.IntegrationTests.MailStack;

/// <summary>
/// The real `run` app (RunCommand.Build) pointed at the mail stack: one IMAP account "rq"
/// (rq@localhost), SMTP through the Postfix fixture. Its settings are also written as a
/// --config file for the CLI, with the IMAP password only in the environment.
/// </summary>
public sealed class ServiceUnderTest : IAsyncDisposable
{
    public WebApplication App { get; }
    public string ConfigFile { get; }
    public string Database { get; }
    public string WebUrl { get; }
    public Ledger Ledger => App.Services.GetRequiredService<Ledger>();

    ServiceUnderTest(WebApplication app, string configFile, string database, string webUrl)
    {
        App = app;
        ConfigFile = configFile;
        Database = database;
        WebUrl = webUrl;
    }

    /// <param name="moreAccounts">Imap:Accounts entries after "rq" (their passwords may come from the settings of StartAsync).</param>
    public static string WriteConfig(MailStackFixture stack, string folder, TimeSpan? poll = null, IEnumerable<object>? moreAccounts = null)
    {
        var empty = Path.Combine(folder, "no-samples");
        foreach (var d in new[] { "cur", "new", "tmp" })
            Directory.CreateDirectory(Path.Combine(empty, d));
        var config = new
        {
            Ledger = new { Database = Path.Combine(folder, "ledger.db") },
            Samples = new { Mail = new[] { empty } },
            Web = new { Urls = $"http://127.0.0.1:{MailPrograms.FreePort()}" },
            Imap = new
            {
                Accounts = new object[]
                {
                    new { Name = "rq", Host = "127.0.0.1", Port = stack.Dovecot.Port, Security = "None", User = "rq", Address = "rq@localhost",
                        ProtocolLog = Path.Combine(folder, "imap-protocol.log") },
                }.Concat(moreAccounts ?? []).ToArray(),
                PollInterval = (poll ?? TimeSpan.FromSeconds(30)).ToString(),
                ReconnectMax = "00:00:02",
            },
            Smtp = new { Host = "127.0.0.1", Port = stack.Postfix.Port, Security = "None", From = "ReviewQueue <rq@localhost>" },
            Digest = new { Outbox = Path.Combine(folder, "outbox"), CheckInterval = "00:00:01" },
        };
        var file = Path.Combine(folder, "reviewqueue.json");
        File.WriteAllText(file, JsonSerializer.Serialize(config, new JsonSerializerOptions { WriteIndented = true }));
        return file;
    }

    public static async Task<ServiceUnderTest> StartAsync(MailStackFixture stack, string folder, Action<IServiceCollection>? services = null,
        TimeSpan? poll = null, IDictionary<string, string?>? settings = null, IEnumerable<object>? moreAccounts = null)
    {
        var config = WriteConfig(stack, folder, poll, moreAccounts);
        var error = new StringWriter();
        var app = RunCommand.Build(config, null, error, b =>
        {
            b.Configuration.AddInMemoryCollection([new("Imap:Accounts:0:Password", "rq")]);
            b.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>()); // later wins, the password too
            services?.Invoke(b.Services);
        }) ?? throw new InvalidOperationException("configuration refused: " + error);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var url = app.Urls.First();
        return new ServiceUnderTest(app, config, Path.Combine(folder, "ledger.db"), url);
    }

    public ImapWorker Worker => App.Services.GetServices<IHostedService>().OfType<ImapWorker>().Single();

    /// <summary>Runs the reviewqueue CLI (the built binary) with this service's configuration.</summary>
    public TestSupport.RunResult Cli(params string[] args) =>
        TestSupport.Run.Program("dotnet", [CliDll, "--config", ConfigFile, .. args],
            env: new Dictionary<string, string> { ["Imap__Accounts__0__Password"] = "rq" }, timeout: TimeSpan.FromMinutes(2));

    static string CliDll => Path.Combine(AppContext.BaseDirectory, "reviewqueue.dll");

    public async Task<long> CountAsync(string where = "1=1", object? args = null)
    {
        await using var c = await Ledger.ConnectAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<long>("SELECT count(*) FROM messages WHERE " + where, args);
    }

    /// <summary>Polls the ledger until the condition holds; fails with the Postfix log after the timeout.</summary>
    public async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
                Assert.Fail($"timed out after {timeout} waiting for {what}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }

    public static async Task SendAsync(int port, MimeMessage message)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }

    public static MimeMessage Mail(string from, string to, string subject, string body, string? inReplyTo = null)
    {
        var m = new MimeMessage();
        m.From.Add(MailboxAddress.Parse(from));
        m.To.Add(MailboxAddress.Parse(to));
        m.Subject = subject;
        m.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("test.localhost");
        m.Date = DateTimeOffset.UtcNow;
        if (inReplyTo is not null)
        {
            m.InReplyTo = inReplyTo;
            m.References.Add(inReplyTo);
        }
        m.Body = new TextPart("plain") { Text = body };
        return m;
    }
}
