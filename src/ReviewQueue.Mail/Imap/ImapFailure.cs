using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;

namespace ReviewQueue.Mail.Imap;

/// <summary>What an IMAP error means for the connection, following MailKit's exception contract.</summary>
public static class ImapFailure
{
    /// <summary>
    /// True when the connection is gone and must be made again: ProtocolException (the server
    /// said something unreadable or hung up; MailKit has already disconnected), IOException and
    /// SocketException (the network), ServiceNotConnectedException. CommandException
    /// (ImapCommandException: a NO or BAD answer) and FolderNotFoundException keep it.
    /// </summary>
    public static bool DropsConnection(Exception e) => e switch
    {
        MessageFetchException { InnerException: { } inner } => DropsConnection(inner),
        CommandException => false,
        FolderNotFoundException => false,
        FolderNotOpenException => false,
        ProtocolException => true,
        ServiceNotConnectedException => true,
        ServiceNotAuthenticatedException => true,
        AuthenticationException => true,
        SslHandshakeException => true,
        IOException => true,
        SocketException => true,
        TimeoutException => true,
        _ => false,
    };

    /// <summary>Errors the worker survives by waiting and trying again (everything MailKit or the network throws).</summary>
    public static bool IsMailError(Exception e) =>
        e is MessageFetchException { InnerException: { } inner } ? IsMailError(inner) : e is CommandException or ProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException
            or AuthenticationException or SslHandshakeException or IOException or SocketException or TimeoutException
            or FolderNotFoundException or FolderNotOpenException or ImapCommandException;
}
