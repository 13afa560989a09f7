using Microsoft.Extensions.Logging;

namespace ReviewQueue.Imap;

/// <summary>What is logged when a login goes unencrypted to another machine (IMAP and SMTP alike): once per connection.</summary>
public static partial class ClearTextLogin
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Protocol}: logging in to {Host}:{Port} without TLS, the password readable " +
        "on the network ({Key} is {Security} and the connection is not encrypted): use a server that offers STARTTLS or TLS, " +
        "and set {Key} to StartTls or SslOnConnect so that a connection without it is refused")]
    public static partial void Warn(ILogger logger, string protocol, string host, int port, string key, string security);
}
