using System.Collections;
using Microsoft.Extensions.Configuration;
using ReviewQueue.Configuration;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Configuration;

/// <summary>
/// A section name ReviewQueue does not know is a mistake, not something to skip: in a JSON file always, in the
/// environment when it is a near miss of a known one. Key paths inside lists and unparsable JSON are named too.
/// </summary>
public sealed class SectionNameTests
{
    const string OneMessage = """
        From mboxrd@z Thu Jan  1 00:00:00 1970
        From: Ada Author <ada@example.org>
        To: linux-hwmon@vger.kernel.org
        Subject: [PATCH] hwmon: (demo) fix a typo
        Date: Mon, 1 Jul 2024 10:00:00 +0000
        Message-ID: <typo-1@example.org>

        A body.

        """;

    [Fact]
    public void ATypoedSectionInTheConfigFileStopsTheImportWithTheFileAndSectionNamed()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("rq.json"), """{ "Importt": { "BatchSize": 5 } }""");
        File.WriteAllText(dir.File("one.mbox"), OneMessage);
        var r = ReviewQueueProgram.Run(["--config", dir.File("rq.json"), "--db", dir.File("ledger.db"), "import", dir.File("one.mbox")],
            workDir: dir.Path);
        Assert.Equal(78, r.ExitCode);
        Assert.Contains($"--config {dir.File("rq.json")}: unknown section \"Importt\" (did you mean \"Import\"?)", r.Stderr);
        Assert.False(File.Exists(dir.File("ledger.db")));
    }

    // The section check does not depend on the command: backlog --json reads only Ledger, yet a typo'd Web stops it.
    [Fact]
    public void ATypoedSectionStopsACommandThatDoesNotReadThatSection()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("rq.json"), """{ "Ledger": { "Database": "ledger.db" }, "Wbe": { "Urls": "http://127.0.0.1:5090" } }""");
        var r = ReviewQueueProgram.Run(["--config", dir.File("rq.json"), "backlog", "--json"], workDir: dir.Path);
        Assert.Equal(78, r.ExitCode);
        Assert.Contains("unknown section \"Wbe\" (did you mean \"Web\"?)", r.Stderr);
    }

    [Fact]
    public void ASectionFarFromEveryKnownOneIsRefusedWithTheKnownOnesListed()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("rq.json"), """{ "Database": { "Path": "x.db" } }""");
        var r = ReviewQueueProgram.Run(["--config", dir.File("rq.json"), "rejected"], workDir: dir.Path);
        Assert.Equal(78, r.ExitCode);
        Assert.Contains("unknown section \"Database\" (known sections: Ledger, Import", r.Stderr);
    }

    [Theory]
    [InlineData("rejected")]
    [InlineData("backlog --json")]
    [InlineData("run")]
    public void ATypoedSectionInTheEnvironmentStopsBeforeTheDefaultLedgerIsWritten(string command)
    {
        using var dir = new TempDir();
        var r = ReviewQueueProgram.Run(command.Split(' '),
            env: new Dictionary<string, string> { ["Ledgr__Database"] = dir.File("meant.db") }, workDir: dir.Path);
        Assert.Equal(78, r.ExitCode);
        Assert.Contains("environment: Ledgr__Database: unknown section \"Ledgr\" (did you mean \"Ledger\"?)", r.Stderr);
        Assert.False(Directory.Exists(dir.File("data")));
    }

    // A guard against refusing too much: it holds on the old code too, by design.
    [Fact]
    public void UnrelatedEnvironmentVariablesAndKnownSectionsInAnyCaseStillWork()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("rq.json"), """
            { "ledger": { "Database": "from-file.db" }, "IMPORT": { "BatchSize": 7 }, "Logging": { "LogLevel": { "Default": "Warning" } }, "AllowedHosts": "*" }
            """);
        var r = ReviewQueueProgram.Run(["--config", dir.File("rq.json"), "rejected"], workDir: dir.Path, env: new Dictionary<string, string>
        {
            ["FOO__BAR"] = "1",
            ["DOTNET_gcServer"] = "1",
            ["DB__HOST"] = "db.example.org",
            ["IMAGE__TAG"] = "latest",
            ["LEDGER__BUSYTIMEOUT"] = "00:00:05",
        });
        // No configuration problem (78): `rejected` reads the ledger the file names, which does not exist yet (66).
        Assert.True(r.ExitCode == 66, r.Stderr);
        Assert.Contains($"no ledger at {dir.File("from-file.db")} ", r.Stderr);
    }

    [Fact]
    public void AnUnknownKeyInAListItemIsNamedByItsFullPath()
    {
        using var dir = new TempDir();
        var r = ReviewQueueProgram.Run(["rejected"], workDir: dir.Path, env: new Dictionary<string, string>
        {
            ["Ledger__Database"] = dir.File("ledger.db"),
            ["Imap__Accounts__0__Hots"] = "imap.example.org",
            ["Imap__Accounts__0__Folders__0"] = "INBOX",
        });
        Assert.Equal(78, r.ExitCode);
        Assert.Contains("Imap: unknown key Imap:Accounts:0:Hots;", r.Stderr);
        Assert.DoesNotContain("ImapAccountOptions", r.Stderr);
        Assert.DoesNotContain("Folders", r.Stderr);
    }

    [Fact]
    public void AConfigFileThatIsNotJsonNamesTheFileAndTheLine()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("rq.json"), "{\n  \"Ledger\": {\n    \"Database\": x\n  }\n}\n");
        var r = ReviewQueueProgram.Run(["--config", dir.File("rq.json"), "rejected"], workDir: dir.Path);
        Assert.Equal(78, r.ExitCode);
        Assert.Contains($"--config {dir.File("rq.json")}: not valid JSON at line 3, column 17:", r.Stderr);
    }

    [Fact]
    public void AConfigFileThatIsNotJsonStopsBacklogJsonWithTheLineNamed()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("rq.json"), "{ \"Ledger\": { \"Database\": \"a.db\" }\n  \"Import\": { \"BatchSize\": 5 } }\n");
        var r = ReviewQueueProgram.Run(["--config", dir.File("rq.json"), "backlog", "--json"], workDir: dir.Path);
        Assert.Equal(78, r.ExitCode);
        Assert.Contains("not valid JSON at line 2", r.Stderr);
    }

    // The shipped appsettings.json is checked like the --config file; it is named by its path.
    [Fact]
    public void AnUnknownSectionInAnyJsonFileIsNamedWithThatFile()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("appsettings.json"), """{ "Ledger": {}, "Smpt": { "Host": "x" } }""");
        var root = new ConfigurationBuilder().AddJsonFile(dir.File("appsettings.json")).Build();
        Assert.Equal([$"{dir.File("appsettings.json")}: unknown section \"Smpt\" (did you mean \"Smtp\"?)"],
            KnownSections.CheckFiles(root, configFile: null));
    }

    [Fact]
    public void OnlyNearMissesOfASectionAreRefusedInTheEnvironment()
    {
        var environment = new Hashtable
        {
            ["PATH"] = "/usr/bin", ["HOME"] = "/root", ["DOTNET_gcServer"] = "1", ["FOO__BAR"] = "1",
            ["DB__HOST"] = "x", ["IMAGE__TAG"] = "x", ["JOB__ID"] = "x", ["Web__Urls"] = "http://127.0.0.1:1",
            ["Smpt__Host"] = "x", ["loging__LogLevel__Default"] = "Debug", ["TreeSnyc__Interval"] = "00:01:00",
        };
        Assert.Equal(
            [
                "environment: Smpt__Host: unknown section \"Smpt\" (did you mean \"Smtp\"?)",
                "environment: TreeSnyc__Interval: unknown section \"TreeSnyc\" (did you mean \"TreeSync\"?)",
                "environment: loging__LogLevel__Default: unknown section \"loging\" (did you mean \"Logging\"?)",
            ],
            KnownSections.CheckEnvironment(environment).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EverySectionOptionsTypeIsAKnownSection()
    {
        var sections = typeof(ISectionOptions).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(ISectionOptions).IsAssignableFrom(t))
            .Select(t => (string)t.GetProperty(nameof(ISectionOptions.Section))!.GetValue(null)!)
            .ToList();
        Assert.NotEmpty(sections);
        Assert.All(sections, s => Assert.True(KnownSections.IsKnown(s), $"{s} is read by a command but not in KnownSections.Names"));
    }
}
