using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewQueue.IntegrationTests.MailStack;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Imap;

/// <summary>
/// Accounts whose Security does not fit the server (the test Dovecot speaks plain IMAP and offers no STARTTLS): each is
/// refused with an error naming its key, and the account beside them is read all the same.
/// </summary>
public sealed class ImapTlsMismatchTests
{
    static readonly TimeSpan Soon = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AccountsWhoseSecurityTheServerCannotMeetAreRefusedByNameWhileTheOtherAccountIsRead()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq", "strict"]);
        var logged = new LogLines();
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path, services: s => s.AddLogging(l => l.AddProvider(logged)),
            moreAccounts:
            [
                new { Name = "starttls", Host = "127.0.0.1", Port = stack.Dovecot.Port, Security = "StartTls", User = "strict" },
                new { Name = "tls", Host = "127.0.0.1", Port = stack.Dovecot.Port, Security = "SslOnConnect", User = "strict" },
            ],
            settings: new Dictionary<string, string?> { ["Imap:Accounts:1:Password"] = "strict", ["Imap:Accounts:2:Password"] = "strict" });

        await service.WaitForAsync(() => Task.FromResult(Stopped(service) ||
            (logged.Count(l => l.Contains("IMAP starttls:")) >= 1 && logged.Count(l => l.Contains("IMAP tls:")) >= 1)), Soon, "both refusals");
        Assert.False(Stopped(service), "the service stopped:\n" + string.Join("\n", logged.Lines()));

        var startTls = logged.Lines().First(l => l.Contains("IMAP starttls:"));
        Assert.StartsWith("Error ", startTls);
        Assert.Contains($"cannot set up TLS with 127.0.0.1:{stack.Dovecot.Port} (The IMAP server does not support the STARTTLS extension.)", startTls);
        Assert.Contains("Imap:Accounts:1:Security is StartTls", startTls);
        var tls = logged.Lines().First(l => l.Contains("IMAP tls:"));
        Assert.StartsWith("Error ", tls);
        Assert.Contains($"cannot set up TLS with 127.0.0.1:{stack.Dovecot.Port} (", tls);
        Assert.Contains("Imap:Accounts:2:Security is SslOnConnect", tls);
        // Said in a line, without MailKit's paragraph of generic reasons.
        Assert.All(logged.Lines(), l => Assert.DoesNotContain("self-signed certificate which cannot be verified", l));

        await using var other = await ImapTestClient.ConnectAsync(stack, "rq");
        await other.AppendAsync("INBOX", 2, "plain");
        await service.WaitForAsync(async () => await service.CountAsync() == 2, Soon, "the plain account's mail");
        Assert.False(Stopped(service));
    }

    [Fact]
    public async Task SubscribeThroughAnAccountWhoseServerOffersNoStartTlsSaysSoInALineAndExits75()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        var config = dir.File("rq.json");
        File.WriteAllText(config, $$"""
            { "Ledger": { "Database": "{{dir.File("l.db")}}" }, "Samples": { "Mail": [""] },
              "Imap": { "Accounts": [ { "Name": "rq", "Host": "127.0.0.1", "Port": {{stack.Dovecot.Port}}, "Security": "StartTls", "User": "rq",
                "Address": "rq@localhost" } ] },
              "Smtp": { "Host": "127.0.0.1", "Port": {{stack.Postfix.Port}}, "Security": "None" } }
            """);

        var subscribe = ReviewQueueProgram.Run(["--config", config, "subscribe", "devel@lists.localhost", "--timeout", "00:00:05"],
            env: new Dictionary<string, string> { ["Imap__Accounts__0__Password"] = "rq" });

        Assert.Equal(75, subscribe.ExitCode);
        Assert.Equal("reviewqueue: subscribe: SslHandshakeException: the server offers no STARTTLS", subscribe.Stderr.Trim());
    }

    static bool Stopped(ServiceUnderTest service) => service.App.Lifetime.ApplicationStopping.IsCancellationRequested;
}
