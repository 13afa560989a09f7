using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;
using ReviewQueue.Mail.Smtp;

namespace ReviewQueue.Configuration;

/// <summary>"Smtp": where digests and list requests go out. No Host: digests are written to Digest:Outbox.</summary>
public sealed class SmtpOptions : ISectionOptions
{
    public static string Section => "Smtp";

    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
    public string? User { get; set; }
    /// <summary>From the environment: Smtp__Password.</summary>
    public string? Password { get; set; }
    public string From { get; set; } = "ReviewQueue <reviewqueue@localhost>";

    public bool Configured => !string.IsNullOrWhiteSpace(Host);

    public MailboxAddress FromAddress => MailboxAddress.Parse(From);

    public SmtpSettings Settings => new(Host, Port, Security, string.IsNullOrWhiteSpace(User) ? null : User, Password);

    static string? FromProblem(string from) => MailEndpoint.IsAddress(from)
        ? null
        : $"Smtp:From must be an address like \"ReviewQueue <reviewqueue@example.org>\" (is '{from}')";

    /// <summary>
    /// Smtp:From alone, checked, for what shows a digest without sending it (digest preview): the rest of the section, a
    /// password only the service's environment holds among it, is neither needed nor required there.
    /// </summary>
    public static MailboxAddress? ReadFrom(IConfiguration configuration, out string? problem)
    {
        var options = new SmtpOptions();
        configuration.GetSection(Section).Bind(options);
        problem = FromProblem(options.From);
        return problem is null ? options.FromAddress : null;
    }

    public IEnumerable<string> Validate()
    {
        if (!string.IsNullOrWhiteSpace(Host) && !MailEndpoint.IsHost(Host))
            yield return $"Smtp:Host is not a host name or IP address: '{Host}'";
        if (FromProblem(From) is { } from)
            yield return from;
        if (Port is < 1 or > 65535)
            yield return $"Smtp:Port must be between 1 and 65535 (is {Port})";
        if (!string.IsNullOrWhiteSpace(User) && string.IsNullOrEmpty(Password))
            yield return "Smtp:Password is missing while Smtp:User is set: set the environment variable Smtp__Password";
    }
}
