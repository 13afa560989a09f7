using MailKit.Net.Smtp;

namespace ReviewQueue.Mail.Smtp;

/// <summary>What an error from <see cref="SmtpSender"/> means for trying again, as an MTA reads SMTP's reply codes.</summary>
public static class SmtpFailure
{
    /// <summary>
    /// True for a permanent refusal: the server answered a command with a 5xx reply (RFC 5321, 4.2.1: "the SMTP client
    /// SHOULD NOT repeat the exact request"), e.g. 550 5.1.1 User unknown, 554 5.7.1 Relay access denied. A 4xx reply, a
    /// broken connection, a timeout or a failed login are worth another try.
    /// </summary>
    public static bool IsPermanent(Exception e) => e is SmtpCommandException { StatusCode: var code } && (int)code is >= 500 and < 600;
}
