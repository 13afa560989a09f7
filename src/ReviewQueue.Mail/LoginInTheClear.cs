using System.Net;

namespace ReviewQueue.Mail;

/// <summary>
/// Whether a login is about to go over a connection without TLS to another machine: `Security: Auto` takes a server that
/// offers no STARTTLS as it is, and the password then crosses the network readable. Loopback (a local Dovecot, the tests)
/// never leaves the machine.
/// </summary>
public static class LoginInTheClear
{
    public static bool Exposes(string host, bool isSecure) => !isSecure && !IsLoopback(host);

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
        host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
