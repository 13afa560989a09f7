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
              "Digest": { "DashboardUrl": "ftp://nope" }
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
}
