using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Lists;

/// <summary>`subscribe`'s refusals before any mail is sent: the command line's are usage errors (64), the configuration's 78.</summary>
public sealed class SubscribeCommandTests : IDisposable
{
    readonly TempDir dir = new("rq-subscribe");

    RunResult Rq(string accounts, params string[] args)
    {
        var config = dir.File("rq.json");
        File.WriteAllText(config, $$"""
            { "Ledger": { "Database": "{{dir.File("l.db")}}" }, "Samples": { "Mail": [""] },
              "Imap": { "Accounts": [ {{accounts}} ] }, "Smtp": { "Host": "127.0.0.1", "Port": 1, "Security": "None" } }
            """);
        // A password for each account given (the environment's alone would make an account of its own).
        var env = Enumerable.Range(0, accounts.Split("\"Name\"").Length - 1).ToDictionary(i => $"Imap__Accounts__{i}__Password", _ => "x");
        return ReviewQueueProgram.Run(["--config", config, "subscribe", .. args], env: env);
    }

    const string One = """{ "Name": "rq", "Host": "127.0.0.1", "Port": 1, "Security": "None", "User": "rq", "Address": "rq@localhost" }""";
    const string Two = One + """, { "Name": "other", "Host": "127.0.0.1", "Port": 1, "Security": "None", "User": "o", "Address": "o@localhost" }""";

    [Fact]
    public void WhatTheCommandLineGotWrongIsAUsageErrorAndNamesTheAccountsThereAre()
    {
        var notAnAddress = Rq(One, "notanaddress");
        Assert.Equal(64, notAnAddress.ExitCode);
        Assert.Contains("not a list address: notanaddress", notAnAddress.Stderr);

        var noSuchAccount = Rq(One, "devel@lists.example.org", "--account", "nosuch");
        Assert.Equal(64, noSuchAccount.ExitCode);
        Assert.Contains("no Imap:Accounts entry is named nosuch (there are: rq)", noSuchAccount.Stderr);

        var which = Rq(Two, "devel@lists.example.org");
        Assert.Equal(64, which.ExitCode);
        Assert.Contains("say which with --account NAME (rq, other)", which.Stderr);
    }

    [Fact]
    public void WhatTheConfigurationLacksIsAConfigurationError()
    {
        var noAccount = Rq("", "devel@lists.example.org");
        Assert.Equal(78, noAccount.ExitCode);
        Assert.Contains("Imap:Accounts is empty", noAccount.Stderr);

        var noAddress = Rq(One.Replace(""", "Address": "rq@localhost" """, " "), "devel@lists.example.org");
        Assert.Equal(78, noAddress.ExitCode);
        Assert.Contains("Imap:Accounts:0:Address is missing", noAddress.Stderr);
    }

    public void Dispose() => dir.Dispose();
}
