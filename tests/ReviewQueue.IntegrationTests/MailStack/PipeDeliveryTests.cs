using Microsoft.Data.Sqlite;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.MailStack;

/// <summary>
/// README's "`import -` for a mail server", with a real Postfix: list mail for rq.test goes through pipe(8) to
/// `reviewqueue import -`, run as nobody. An operator's mistake in the configuration file must keep the mail in
/// Postfix's queue, with the cause as the reason mailq shows, until it is mended; Postfix bounces on 78 (EX_CONFIG).
/// </summary>
public sealed class PipeDeliveryTests
{
    static readonly TimeSpan Soon = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ABadConfigurationKeyDefersTheMailUntilItIsMendedAndTheQueueFlushed()
    {
        using var dir = new TempDir("rq-pipe");
        TestSupport.Run.Program("chmod", ["755", dir.Path]);
        var ledgerFolder = Directory.CreateDirectory(dir.File("ledger")).FullName;
        var config = dir.File("rq.json");
        File.WriteAllText(config, """{ "Import": { "BatchSzie": 50 } }""");
        var db = Path.Combine(ledgerFolder, "rq.db");
        var argv = $"/usr/bin/env DOTNET_NOLOGO=1 {JitProfile.Variable}= /usr/bin/dotnet {ReviewQueueProgram.Dll} " +
            $"--db {db} --config {config} import -";
        await using var stack = await MailStackFixture.StartAsync(["rq"], pipes: [new PipeTransport("reviewqueue", "rq.test", argv)]);
        MailPrograms.Chown(ledgerFolder, "nobody");

        var mail = ServiceUnderTest.Mail("Ada Author <ada@localhost>", "devel@rq.test", "[PATCH] hwmon: (demo) add a sensor", "A patch.\n");
        await ServiceUnderTest.SendAsync(stack.Postfix.Port, mail);
        var first = await OutcomeAsync(stack.Postfix, 1);

        Assert.True(first.Contains("status=deferred", StringComparison.Ordinal), first + "\n" + stack.Postfix.Log);
        Assert.Contains("(temporary failure. Command output: reviewqueue: configuration: Import: unknown key Import:BatchSzie", first);
        var queue = stack.Postfix.Queue();
        Assert.Contains("devel@rq.test", queue);
        Assert.Contains("Import:BatchSzie", queue);

        File.WriteAllText(config, """{ "Import": { "BatchSize": 50 } }""");
        stack.Postfix.Flush();
        var second = await OutcomeAsync(stack.Postfix, 2);

        Assert.True(second.Contains("status=sent", StringComparison.Ordinal), second + "\n" + stack.Postfix.Log);
        Assert.DoesNotContain("devel@rq.test", stack.Postfix.Queue());
        using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var count = c.CreateCommand();
        count.CommandText = "SELECT message_id FROM messages";
        Assert.Equal(mail.MessageId, count.ExecuteScalar());
    }

    /// <summary>The log line of the <paramref name="nth"/> delivery attempt to the pipe (sent, deferred or bounced).</summary>
    static async Task<string> OutcomeAsync(PostfixServer postfix, int nth)
    {
        var until = DateTime.UtcNow + Soon;
        while (DateTime.UtcNow < until)
        {
            var attempts = postfix.Log.Split('\n').Where(l => l.Contains("relay=reviewqueue", StringComparison.Ordinal) && l.Contains(" status=", StringComparison.Ordinal)).ToList();
            if (attempts.Count >= nth)
                return attempts[nth - 1];
            await Task.Delay(100);
        }
        throw new TimeoutException($"no delivery attempt {nth} within {Soon}:\n{postfix.Log}");
    }
}
