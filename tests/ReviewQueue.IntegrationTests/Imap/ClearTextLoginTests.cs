using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using ReviewQueue.Configuration;
using ReviewQueue.Digest;
using ReviewQueue.Mail.Imap;

namespace ReviewQueue.IntegrationTests.Imap;

/// <summary>
/// `Security: Auto` logs in without TLS when the server offers no STARTTLS: said when the password then crosses the network,
/// not when the server is on loopback (a local Dovecot, these tests).
/// </summary>
public sealed class ClearTextLoginTests
{
    [Fact]
    public async Task ALoginWithoutTlsToAnotherMachineIsToldWithTheHost()
    {
        var address = NonLoopbackAddress() ?? throw SkipNoAddress();
        var told = await LoginAsync(address.ToString());

        Assert.Equal([address.ToString()], told);
    }

    [Fact]
    public async Task ALoginWithoutTlsOnLoopbackIsNotTold()
    {
        var told = await LoginAsync("127.0.0.1");

        Assert.Empty(told);
    }

    [Fact]
    public async Task TheDigestSenderLogsAWarningNamingTheHostAndTheKey()
    {
        var address = NonLoopbackAddress() ?? throw SkipNoAddress();
        using var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serving = ServeSmtpAsync(listener);
        var log = new Warnings();
        var sender = new SmtpMailSender(Options.Create(new SmtpOptions { Host = address.ToString(), Port = port, User = "rq", Password = "secret" }),
            log);
        var message = new MimeMessage([MailboxAddress.Parse("rq@example.org")], [MailboxAddress.Parse("m@example.org")], "digest",
            new TextPart("plain") { Text = "hi" });

        await Assert.ThrowsAsync<AuthenticationException>(() => sender.SendAsync(message, TestContext.Current.CancellationToken));
        await serving.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var warning = Assert.Single(log.Lines);
        Assert.StartsWith($"SMTP: logging in to {address}:{port} without TLS, the password readable on the network (Smtp:Security is Auto", warning);
    }

    // An SMTP server without STARTTLS that refuses every login.
    static async Task ServeSmtpAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 fake ESMTP");
        while (await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            if (line.StartsWith("EHLO", StringComparison.OrdinalIgnoreCase))
                await writer.WriteLineAsync("250-fake\r\n250 AUTH PLAIN LOGIN");
            else if (line.StartsWith("QUIT", StringComparison.OrdinalIgnoreCase))
            {
                await writer.WriteLineAsync("221 bye");
                return;
            }
            else
                await writer.WriteLineAsync("535 5.7.8 refused");
        }
    }

    sealed class Warnings : ILogger<SmtpMailSender>
    {
        public List<string> Lines { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
                Lines.Add(formatter(state, exception));
        }
    }

    // A server without STARTTLS that refuses every login, on every address of this machine.
    static async Task<List<string>> LoginAsync(string host)
    {
        using var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serving = ServeAsync(listener);
        var told = new List<string>();
        var account = new ImapAccount("lists", host, port, SecureSocketOptions.Auto, "rq", "secret", ["INBOX"], AfterImport.None, null, null);
        await using (var mailbox = new ImapMailbox(account, told.Add))
            await Assert.ThrowsAsync<AuthenticationException>(() => mailbox.ConnectAsync(TestContext.Current.CancellationToken));
        await serving.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return told;
    }

    static async Task ServeAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("* OK [CAPABILITY IMAP4rev1] fake server ready");
        while (await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            var tag = line.Split(' ')[0];
            if (line.Contains(" CAPABILITY", StringComparison.OrdinalIgnoreCase))
                await writer.WriteLineAsync($"* CAPABILITY IMAP4rev1\r\n{tag} OK done");
            else if (line.Contains(" LOGOUT", StringComparison.OrdinalIgnoreCase))
            {
                await writer.WriteLineAsync($"* BYE\r\n{tag} OK bye");
                return;
            }
            else
                await writer.WriteLineAsync($"{tag} NO [AUTHENTICATIONFAILED] refused");
        }
    }

    static IPAddress? NonLoopbackAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    static Exception SkipNoAddress()
    {
        Assert.Skip("this machine has no address other than loopback to serve the fake IMAP server on");
        return new InvalidOperationException();
    }
}
