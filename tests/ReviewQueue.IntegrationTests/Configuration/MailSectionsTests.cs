using ReviewQueue.Commands;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Configuration;

/// <summary>
/// The service's configuration file names mail accounts whose passwords only the service's environment holds: a maintainer
/// reading the backlog with that file needs none of them, and the commands that connect still stop naming the key.
/// </summary>
public sealed class MailSectionsTests
{
    // As /etc/rq.json of a service: an IMAP account and an SMTP login, the passwords in the service's unit file.
    static string ServiceConfig(TempDir dir)
    {
        var config = dir.File("rq.json");
        File.WriteAllText(config, $$"""
            {
              "Samples": { "Mail": [""] },
              "Imap": { "Accounts": [ { "Name": "lists", "Host": "imap.example.org", "User": "rq" } ] },
              "Smtp": { "Host": "smtp.example.org", "User": "rq" }
            }
            """);
        return config;
    }

    [Theory]
    [InlineData("backlog")]
    [InlineData("series")]
    [InlineData("lists")]
    [InlineData("rejected")]
    [InlineData("digest list")]
    public void ACommandThatReadsTheLedgerNeedsNoMailPassword(string command)
    {
        using var dir = new TempDir();
        var db = dir.File("l.db");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", "-"], MailText.Bytes(MailText.Message(1, "dev@example.org"))).ExitCode);

        var read = ReviewQueueProgram.Run(["--config", ServiceConfig(dir), "--db", db, .. command.Split(' ')]);

        Assert.True(read.ExitCode == ExitCodes.Ok, $"exit {read.ExitCode}: {read.Stderr}");
        Assert.DoesNotContain("Password", read.Stderr);
    }

    [Fact]
    public void AMisspeltMailKeyStillStopsACommandThatReadsTheLedger()
    {
        using var dir = new TempDir();
        var read = ReviewQueueProgram.Run(["--config", ServiceConfig(dir), "--db", dir.File("l.db"), "backlog"],
            env: new Dictionary<string, string> { ["Smtp__Prot"] = "587" });

        Assert.Equal(ExitCodes.Config, read.ExitCode);
        Assert.Contains("Smtp: unknown key Smtp:Prot", read.Stderr);
        Assert.DoesNotContain("Password", read.Stderr);
    }

    [Fact]
    public void DigestSendStillStopsNamingTheSmtpPasswordsVariable()
    {
        using var dir = new TempDir();
        var db = dir.File("l.db");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", "-"], MailText.Bytes(MailText.Message(1, "dev@example.org"))).ExitCode);

        var send = ReviewQueueProgram.Run(["--config", ServiceConfig(dir), "--db", db, "digest", "send"]);

        Assert.Equal(ExitCodes.Config, send.ExitCode);
        Assert.Contains("Smtp:Password is missing while Smtp:User is set: set the environment variable Smtp__Password", send.Stderr);
        Assert.DoesNotContain("Imap:", send.Stderr); // send reads no mailbox
    }

    /// <summary>
    /// digest preview sends nothing: it needs no SMTP login, only Smtp:From for the message it shows; the spelling of the
    /// section's keys is still checked, as for every command.
    /// </summary>
    [Fact]
    public void DigestPreviewNeedsNoSmtpPasswordButStillChecksTheSection()
    {
        using var dir = new TempDir();
        var db = dir.File("l.db");
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "import", "-"], MailText.Bytes(MailText.Message(1, "dev@example.org"))).ExitCode);
        Assert.Equal(0, ReviewQueueProgram.Run(["--db", db, "digest", "subscribe", "m@example.org"]).ExitCode);

        var preview = ReviewQueueProgram.Run(["--config", ServiceConfig(dir), "--db", db, "digest", "preview", "m@example.org"]);
        Assert.True(preview.ExitCode == ExitCodes.Ok, $"exit {preview.ExitCode}: {preview.Stderr}");
        Assert.DoesNotContain("Password", preview.Stderr);

        var misspelt = ReviewQueueProgram.Run(["--config", ServiceConfig(dir), "--db", db, "digest", "preview", "m@example.org"],
            env: new Dictionary<string, string> { ["Smtp__Prot"] = "587" });
        Assert.Equal(ExitCodes.Config, misspelt.ExitCode);
        Assert.Contains("Smtp: unknown key Smtp:Prot", misspelt.Stderr);

        var badFrom = ReviewQueueProgram.Run(["--config", ServiceConfig(dir), "--db", db, "digest", "preview", "m@example.org"],
            env: new Dictionary<string, string> { ["Smtp__From"] = "nobody" });
        Assert.Equal(ExitCodes.Config, badFrom.ExitCode);
        Assert.Contains("Smtp:From must be an address", badFrom.Stderr);
        Assert.DoesNotContain("Password", badFrom.Stderr);
    }

    [Fact]
    public void SubscribeStillStopsNamingTheImapPasswordsVariable()
    {
        using var dir = new TempDir();
        var subscribe = ReviewQueueProgram.Run(["--config", ServiceConfig(dir), "--db", dir.File("l.db"), "subscribe", "list@example.org"],
            env: new Dictionary<string, string> { ["Smtp__Password"] = "x" });

        Assert.Equal(ExitCodes.Config, subscribe.ExitCode);
        Assert.Contains("Imap:Accounts:0:Password is missing: set the environment variable Imap__Accounts__0__Password", subscribe.Stderr);
    }

    [Fact]
    public void RunStillStopsNamingEveryMailPasswordsVariable()
    {
        using var dir = new TempDir();
        var error = new StringWriter();

        Assert.Null(RunCommand.Build(ServiceConfig(dir), dir.File("l.db"), error));
        Assert.Contains("Imap:Accounts:0:Password is missing: set the environment variable Imap__Accounts__0__Password", error.ToString());
        Assert.Contains("Smtp:Password is missing while Smtp:User is set", error.ToString());
    }
}
