using System.Net;
using System.Net.Sockets;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.MailStack;

/// <summary>
/// The real mail servers the tests start. The fixtures install nothing: when a program is missing
/// the test is skipped with the reason (tests/install-deps.sh installs them, as root).
/// </summary>
static class MailPrograms
{
    public const string Dovecot = "/usr/sbin/dovecot";
    public const string Postfix = "/usr/sbin/postfix";
    public const string Postqueue = "/usr/sbin/postqueue";
    public const string MlmmjMakeMl = "/usr/bin/mlmmj-make-ml";
    public const string MlmmjReceive = "/usr/bin/mlmmj-receive";

    public static void Require(params string[] programs)
    {
        foreach (var p in programs)
            if (!File.Exists(p))
                Assert.Skip($"{p} is not installed: run tests/install-deps.sh as root (see README)");
        if (Environment.UserName != "root" && Environment.GetEnvironmentVariable("USER") != "root")
            Assert.Skip("the mail server fixtures start Dovecot and Postfix, which need root");
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static async Task WaitForPortAsync(int port, bool open, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            bool listening;
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                listening = true;
            }
            catch (SocketException)
            {
                listening = false;
            }
            if (listening == open)
                return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"port {port} did not {(open ? "open" : "close")} within {timeout}");
    }

    public static void Chown(string path, string owner)
    {
        var r = Run.Program("chown", ["-R", owner, path]);
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"chown {owner} {path}: {r.Stderr}");
    }

    public static RunResult Must(string file, params string[] args)
    {
        var r = Run.Program(file, args, timeout: TimeSpan.FromSeconds(60));
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({r.ExitCode}): {r.Stderr}{r.Stdout}");
        return r;
    }
}
