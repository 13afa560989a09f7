using ReviewQueue.Commands;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Imap;

/// <summary>`run` refuses a bad Imap/Smtp/Digest configuration at start, naming each key.</summary>
public sealed class ImapOptionsTests
{
    [Fact]
    public void RunRefusesAnAccountWithoutPasswordOrHostNamingTheKeysAndTheEnvironmentVariable()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("empty/cur"));
        Directory.CreateDirectory(dir.File("empty/new"));
        var config = dir.File("bad.json");
        File.WriteAllText(config, $$"""
            {
              "Ledger": { "Database": "{{dir.File("l.db")}}" },
              "Samples": { "Mail": [ "{{dir.File("empty")}}" ] },
              "Imap": {
                "Accounts": [ { "Name": "work", "Host": "", "User": "me", "AfterImport": "Move" } ],
                "PollInterval": "00:00:00"
              },
              "Digest": { "DashboardUrl": "ftp://nope", "ArchiveUrl": "lore" }
            }
            """);
        var error = new StringWriter();
        Assert.Null(RunCommand.Build(config, null, error));
        var said = error.ToString();
        Assert.Contains("Imap:Accounts:0:Host is missing", said);
        Assert.Contains("Imap:Accounts:0:Password is missing: set the environment variable Imap__Accounts__0__Password", said);
        Assert.Contains("Imap:Accounts:0:MoveTo is missing", said);
        Assert.Contains("Imap:PollInterval must be between", said);
        Assert.Contains("Digest:DashboardUrl is not an http(s) URL", said);
        Assert.Contains("Digest:ArchiveUrl is not an http(s) URL to append a Message-ID to (empty for no archive link): lore", said);
    }

    [Fact]
    public void AnUnknownSecurityValueIsRefusedAtStart()
    {
        using var dir = new TempDir();
        var config = dir.File("bad.json");
        File.WriteAllText(config, $$"""
            { "Ledger": { "Database": "{{dir.File("l.db")}}" }, "Samples": { "Mail": [] },
              "Imap": { "Accounts": [ { "Name": "a", "Host": "h", "User": "u", "Password": "p", "Security": "Tls13Please" } ] } }
            """);
        var error = new StringWriter();
        Assert.Null(RunCommand.Build(config, null, error));
        Assert.Contains("Imap:Accounts:0:Security", error.ToString());
    }

    [Fact]
    public void HostsFoldersAndAddressesThatWouldFailOnlyAtTheFirstConnectionOrSendAreRefusedAtStart()
    {
        // Each of these used to pass the start: a host with a space crashed the IMAP worker (UriFormatException) and with it
        // the whole service, an empty folder name was retried forever, MoveTo = INBOX moved each mail back into the folder
        // read, and an address without a domain went out as MAIL FROM:<nobody>.
        using var dir = new TempDir();
        var config = dir.File("bad.json");
        File.WriteAllText(config, $$"""
            { "Ledger": { "Database": "{{dir.File("l.db")}}" }, "Samples": { "Mail": [] },
              "Imap": { "Accounts": [ { "Name": "a", "Host": "mail example org", "User": "u", "Password": "p", "Folders": [ "INBOX", "" ],
                                        "AfterImport": "Move", "MoveTo": "inbox", "Address": "rq" } ] },
              "Smtp": { "Host": "smtp.example.org ", "From": "nobody" } }
            """);
        var error = new StringWriter();
        Assert.Null(RunCommand.Build(config, null, error));
        var said = error.ToString();
        Assert.Contains("Imap:Accounts:0:Host is not a host name or IP address: 'mail example org'", said);
        Assert.Contains("Imap:Accounts:0:Folders:1 is empty", said);
        Assert.Contains("Imap:Accounts:0:MoveTo 'inbox' is one of the folders read", said);
        Assert.Contains("Imap:Accounts:0:Address is not an email address (user@domain): rq", said);
        Assert.Contains("Smtp:Host is not a host name or IP address: 'smtp.example.org '", said);
        Assert.Contains("Smtp:From must be an address", said);
    }

    [Theory]
    [InlineData("imap.example.org", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("localhost", true)]
    [InlineData("mail example org", false)]
    [InlineData(" imap.example.org", false)]
    [InlineData("imap://example.org", false)]
    public void AHostIsANameOrAnAddress(string host, bool valid) =>
        Assert.Equal(valid, ReviewQueue.Configuration.MailEndpoint.IsHost(host));
}
