using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Digest;

/// <summary>
/// `digest subscribe --subsystem`: names are MAINTAINERS section titles (from the repository root, the demo's
/// samples/demo-tree/MAINTAINERS) or THE REST; a typo is a usage error, not a subscription that never gets a digest.
/// </summary>
public sealed class DigestSubscribeTests : IDisposable
{
    readonly TempDir dir = new("rq-digest-sub");

    RunResult Rq(string? workDir, params string[] args) =>
        ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), .. args], workDir: workDir ?? RepoPaths.Root);

    [Fact]
    public void AMistypedSubsystemIsAUsageErrorThatSuggestsTheSectionMeant()
    {
        var r = Rq(null, "digest", "subscribe", "gus@example.org", "--subsystem", "DEMO HARDWARE MONITORNG");
        Assert.Equal(64, r.ExitCode);
        Assert.Contains("\"DEMO HARDWARE MONITORNG\"", r.Stderr);
        Assert.Contains("did you mean \"DEMO HARDWARE MONITORING\"", r.Stderr);
        Assert.Contains("no digest subscriptions", Rq(null, "digest", "list").Stdout);
    }

    [Fact]
    public void SubsystemNamesAreStoredAsMaintainersWritesThem()
    {
        var r = Rq(null, "digest", "subscribe", "gus@example.org", "--subsystem", "demo hardware monitoring", "--subsystem", "the rest",
            "--min-age", "3d");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("DEMO HARDWARE MONITORING, THE REST, series waiting at least 3d", Rq(null, "digest", "list").Stdout);
    }

    /// <summary>The confirmation is the command's answer; the first digest comes at the schedule's next occurrence, which it names.</summary>
    [Fact]
    public void SubscribingSaysWhenTheFirstDigestComes()
    {
        var before = DateTimeOffset.UtcNow;
        var r = Rq(dir.Path, "digest", "subscribe", "gus@example.org", "--every", "0 7 * * *");
        Assert.True(r.ExitCode == 0, r.Stderr);

        var next = Cronos.CronExpression.Parse("0 7 * * *").GetNextOccurrence(before.UtcDateTime, inclusive: true)!.Value;
        Assert.EndsWith($"; the next at {next:yyyy-MM-dd HH:mm} UTC, when anything waits\n", r.Stdout);
    }

    /// <summary>
    /// Subscribing again with the same schedule keeps the subscription (its token, its history, when it was made): a
    /// period that began since then and has no digest is due at once, and the answer says so, as `digest send` then does.
    /// </summary>
    [Fact]
    public void SubscribingAgainWithTheSameScheduleSaysItsPeriodWithoutADigestIsDueNow()
    {
        Assert.Equal(0, Rq(null, "import", RepoPaths.Of("samples", "demo.mbox")).ExitCode);
        Assert.Equal(0, Rq(null, "digest", "subscribe", "gus@example.org", "--every", "0 7 * * *").ExitCode);
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={dir.File("ledger.db")};Pooling=False"))
        {
            c.Open();
            using var made = new Microsoft.Data.Sqlite.SqliteCommand(
                "UPDATE digest_subscriptions SET created = '2020-01-01T00:00:00.000+00:00'", c); // subscribed long ago
            made.ExecuteNonQuery();
        }

        var again = Rq(null, "digest", "subscribe", "gus@example.org", "--every", "0 7 * * *", "--min-age", "0d");
        Assert.True(again.ExitCode == 0, again.Stderr);
        var utc = DateTime.UtcNow;
        var latest = utc.Date.AddHours(7) <= utc ? utc.Date.AddHours(7) : utc.Date.AddDays(-1).AddHours(7);
        Assert.EndsWith($"; the one for {latest:yyyy-MM-dd HH:mm} UTC is due now, when anything waits\n", again.Stdout);

        var send = Rq(dir.Path, "--config", Outbox(), "digest", "send");
        Assert.True(send.ExitCode == 0, send.Stderr);
        Assert.StartsWith("sent 1,", send.Stdout);
    }

    string Outbox()
    {
        var config = dir.File("outbox.json");
        File.WriteAllText(config, $$"""{ "Digest": { "Outbox": "{{dir.File("outbox")}}" } }""");
        return config;
    }

    /// <summary>The schedule is stored with one space between fields: written again with other spacing, it is the same schedule, not a new one.</summary>
    [Fact]
    public void AScheduleIsStoredWithOneSpaceBetweenItsFields()
    {
        var r = Rq(dir.Path, "digest", "subscribe", "gus@example.org", "--every", " 0  7 *\t* 1-5 ");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("every \"0 7 * * 1-5\" (UTC)", Rq(dir.Path, "digest", "list").Stdout);
    }

    /// <summary>
    /// An address is one mailbox whatever the case it is written in, as `digest unsubscribe` and `preview` find it:
    /// subscribing again as ann@ what Ann@ subscribed changes that subscription. It made a second one (two digests a
    /// period to one mailbox), and the answer gave the first one's settings, not the ones just asked for.
    /// </summary>
    [Fact]
    public void SubscribingAgainWithTheAddressInAnotherCaseChangesTheOneSubscription()
    {
        Assert.Equal(0, Rq(dir.Path, "digest", "subscribe", "Ann@Example.org", "--every", "0 7 * * *").ExitCode);
        var again = Rq(dir.Path, "digest", "subscribe", "ann@example.org", "--every", "0 9 * * 1", "--min-age", "3d");
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.StartsWith("Ann@Example.org: digests every \"0 9 * * 1\" (UTC), all subsystems, series waiting at least 3d;", again.Stdout);
        Assert.Equal("Ann@Example.org: every \"0 9 * * 1\" (UTC), all subsystems, series waiting at least 3d\n", Rq(dir.Path, "digest", "list").Stdout);
    }

    /// <summary>Two subscriptions of one mailbox, made before the rule above, come down to one when it subscribes again.</summary>
    [Fact]
    public void SubscribingAgainEndsAnEarlierSubscriptionOfTheSameAddressInAnotherCase()
    {
        Assert.Equal(0, Rq(dir.Path, "digest", "subscribe", "ann@example.org").ExitCode);
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={dir.File("ledger.db")};Pooling=False"))
        {
            c.Open();
            using var twice = new Microsoft.Data.Sqlite.SqliteCommand("""
                INSERT INTO digest_subscriptions(address, subsystems, every, min_age, token, created)
                VALUES ('ANN@EXAMPLE.ORG', '[]', '0 7 * * *', 0, 'other', '2026-01-01T00:00:00.000+00:00')
                """, c);
            twice.ExecuteNonQuery();
        }

        Assert.Equal(0, Rq(dir.Path, "digest", "subscribe", "Ann@example.org", "--min-age", "1w").ExitCode);
        Assert.Equal("ann@example.org: every \"0 7 * * *\" (UTC), all subsystems, series waiting at least 1w\n", Rq(dir.Path, "digest", "list").Stdout);
    }

    [Fact]
    public void WithoutMaintainersTheNamesAreKeptAndTheCommandSaysTheyAreNotChecked()
    {
        // From a folder without the demo files no MAINTAINERS is configured.
        var r = Rq(dir.Path, "digest", "subscribe", "gus@example.org", "--subsystem", "DEMO HARDWARE MONITORNG");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("not checked", r.Stderr);
        Assert.Contains("DEMO HARDWARE MONITORNG", Rq(dir.Path, "digest", "list").Stdout);
    }

    [Fact]
    public void AScheduleThatNeverOccursIsAUsageError()
    {
        var r = Rq(dir.Path, "digest", "subscribe", "gus@example.org", "--every", "0 7 30 2 *");
        Assert.Equal(64, r.ExitCode);
        Assert.Contains("--every: \"0 7 30 2 *\" never occurs", r.Stderr);
        Assert.DoesNotContain("gus@example.org", Rq(dir.Path, "digest", "list").Stdout);
    }

    /// <summary>Cronos said "Months: Unexpected character ' '" for a field left out: the count of fields is what is wrong.</summary>
    [Theory]
    [InlineData("0 7 * *", 4)]
    [InlineData("0 0 7 * * *", 6)]
    public void AScheduleWithoutFiveFieldsIsAUsageErrorThatSaysSo(string every, int fields)
    {
        var r = Rq(dir.Path, "digest", "subscribe", "gus@example.org", "--every", every);
        Assert.Equal(64, r.ExitCode);
        Assert.Contains($"--every: \"{every}\" has {fields} fields; give 5: minute hour day-of-month month day-of-week (\"0 7 * * *\": daily at 07:00 UTC)", r.Stderr);
    }

    /// <summary>A minimum age too long for a TimeSpan (about 29,000 years) is a bad value like any other, not a crash.</summary>
    [Theory]
    [InlineData("9999999w")]
    [InlineData("99999999d")]
    public void AMinimumAgeTooLongToHoldIsAUsageError(string minAge)
    {
        var r = Rq(dir.Path, "digest", "subscribe", "gus@example.org", "--min-age", minAge);
        Assert.Equal(64, r.ExitCode);
        Assert.Contains($"--min-age: not a duration like 3d, 12h or 2w: {minAge}", r.Stderr);
        Assert.DoesNotContain("gus@example.org", Rq(dir.Path, "digest", "list").Stdout);
    }

    public void Dispose() => dir.Dispose();
}
