using MailKit.Security;
using ReviewQueue.Mail.Imap;

namespace ReviewQueue.Configuration;

/// <summary>"Imap": mailboxes `run` reads mail from. Passwords come from the environment (Imap__Accounts__0__Password).</summary>
public sealed class ImapOptions : ISectionOptions
{
    public static string Section => "Imap";

    public List<ImapAccountOptions> Accounts { get; set; } = [];

    /// <summary>How often a folder is checked when the server cannot IDLE (and the longest IDLE before a re-check).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait between reconnection attempts (the wait doubles from one second).</summary>
    public TimeSpan ReconnectMax { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<string> Validate()
    {
        if (PollInterval < TimeSpan.FromSeconds(1) || PollInterval > TimeSpan.FromMinutes(29))
            yield return $"Imap:PollInterval must be between 00:00:01 and 00:29:00 (is {PollInterval})";
        if (ReconnectMax < TimeSpan.FromSeconds(1))
            yield return $"Imap:ReconnectMax must be at least 00:00:01 (is {ReconnectMax})";
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < Accounts.Count; i++)
        {
            var a = Accounts[i];
            var key = $"Imap:Accounts:{i}";
            if (string.IsNullOrWhiteSpace(a.Name))
                yield return $"{key}:Name is missing";
            else if (!names.Add(a.Name))
                yield return $"{key}:Name '{a.Name}' is used by another account";
            if (string.IsNullOrWhiteSpace(a.Host))
                yield return $"{key}:Host is missing";
            else if (!MailEndpoint.IsHost(a.Host))
                yield return $"{key}:Host is not a host name or IP address: '{a.Host}'";
            if (a.Port is < 1 or > 65535)
                yield return $"{key}:Port must be between 1 and 65535 (is {a.Port})";
            if (string.IsNullOrWhiteSpace(a.User))
                yield return $"{key}:User is missing";
            if (string.IsNullOrEmpty(a.Password))
                yield return $"{key}:Password is missing: set the environment variable Imap__Accounts__{i}__Password";
            if (a.AfterImport == AfterImport.Move && string.IsNullOrWhiteSpace(a.MoveTo))
                yield return $"{key}:MoveTo is missing: AfterImport is Move";
            for (int f = 0; f < a.Folders.Count; f++)
                if (string.IsNullOrWhiteSpace(a.Folders[f]))
                    yield return $"{key}:Folders:{f} is empty: a folder name such as INBOX";
            if (a.AfterImport == AfterImport.Move && !string.IsNullOrWhiteSpace(a.MoveTo) && a.FolderList.Any(f => SameFolder(f, a.MoveTo)))
                yield return $"{key}:MoveTo '{a.MoveTo}' is one of the folders read (Folders): stored mail would be moved into a folder read again";
            if (a.Address is not null && !MailEndpoint.IsAddress(a.Address))
                yield return $"{key}:Address is not an email address (user@domain): {a.Address}";
        }
    }

    // IMAP folder names are case-sensitive, except INBOX (RFC 3501, 5.1).
    static bool SameFolder(string a, string b) =>
        a == b || (a.Equals("INBOX", StringComparison.OrdinalIgnoreCase) && b.Equals("INBOX", StringComparison.OrdinalIgnoreCase));

    public ImapAccount Account(int index)
    {
        var a = Accounts[index];
        return new ImapAccount(a.Name, a.Host, a.Port, a.Security, a.User, a.Password, a.FolderList, a.AfterImport,
            string.IsNullOrWhiteSpace(a.MoveTo) ? null : a.MoveTo, string.IsNullOrWhiteSpace(a.ProtocolLog) ? null : a.ProtocolLog);
    }
}

/// <summary>One entry of Imap:Accounts.</summary>
public sealed class ImapAccountOptions
{
    public string Name { get; set; } = "";
    public string Host { get; set; } = "";
    public int Port { get; set; } = 993;
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
    public string User { get; set; } = "";
    public string Password { get; set; } = "";
    /// <summary>Empty: INBOX. (A default list here would be appended to, not replaced, by the binder.)</summary>
    public List<string> Folders { get; set; } = [];
    public AfterImport AfterImport { get; set; } = AfterImport.None;
    public string? MoveTo { get; set; }
    /// <summary>The address this mailbox receives, used when subscribing it to a list.</summary>
    public string? Address { get; set; }
    /// <summary>A file for the IMAP conversation (passwords redacted), for debugging a server.</summary>
    public string? ProtocolLog { get; set; }

    public IReadOnlyList<string> FolderList => Folders.Count == 0 ? ["INBOX"] : Folders.Distinct().ToList();
}
