using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ReviewQueue.IntegrationTests.MailStack;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Import;

/// <summary>
/// A mail server pipes each message to its own `import -`. While `run` serves the ledger, a delivery stores its
/// message and leaves the topics to the service, which assembles them in one rebuild for whatever arrived; without
/// a service, the delivery brings the topics up to date itself.
/// </summary>
public sealed class ServedLedgerImportTests
{
    [Fact]
    public void TheServiceLockIsHeldOnlyWhileItsHolderHasIt()
    {
        using var dir = new TempDir();
        var ledger = Ledger.Open(dir.File("ledger.db"));

        Assert.False(ServiceLock.IsHeld(ledger));
        using (var first = ServiceLock.TryTake(ledger))
        {
            Assert.NotNull(first);
            Assert.True(ServiceLock.IsHeld(ledger));
            Assert.Null(ServiceLock.TryTake(ledger));
        }
        Assert.False(ServiceLock.IsHeld(ledger));
    }

    [Fact]
    public async Task APipedPatchIsLeftToTheRunningServiceWhichAssemblesItAndWithoutTheServiceTheImportDoes()
    {
        using var dir = new TempDir();
        var db = dir.File("ledger.db");
        var output = new ConcurrentQueue<string>();
        var env = new Dictionary<string, string>
        {
            ["Samples__Mail__0"] = "", // no demo mail
            ["Web__Urls"] = $"http://127.0.0.1:{MailPrograms.FreePort()}",
        };
        using (var run = RunProcess.Start(db, env, Path.GetTempPath(), output))
        {
            try
            {
                await RunProcess.Until(run, () => ServiceLock.IsHeld(Ledger.Open(db)), output);
                Assert.True(ServiceLock.IsHeld(Ledger.Open(db)), "run never took the service lock: " + string.Join("\n", output));

                var served = ReviewQueueProgram.Run(["--db", db, "import", "-", "--json"], MailText.Bytes(Patch("served@example.org")));

                Assert.True(served.ExitCode == 0, served.Stderr);
                var summary = JsonDocument.Parse(served.Stdout).RootElement;
                Assert.Equal(1, summary.GetProperty("new").GetInt32());
                Assert.True(summary.GetProperty("topics_left_to_service").GetBoolean());
                await RunProcess.Until(run, () => InTopic(db, "served@example.org"), output);
                Assert.True(InTopic(db, "served@example.org"), "the service did not assemble the piped patch: " + string.Join("\n", output));
            }
            finally
            {
                await RunProcess.StopAsync(run);
            }
        }

        var alone = ReviewQueueProgram.Run(["--db", db, "import", "-", "--json"], MailText.Bytes(Patch("alone@example.org")));

        Assert.True(alone.ExitCode == 0, alone.Stderr);
        Assert.False(JsonDocument.Parse(alone.Stdout).RootElement.GetProperty("topics_left_to_service").GetBoolean());
        Assert.True(InTopic(db, "alone@example.org"), "without a service, the import assembles the patch itself");
    }

    static string Patch(string messageId) => $"""
        From: Ann Author <ann@example.org>
        To: list@example.org
        Subject: [PATCH] drivers: {messageId.Split('@')[0]}: fix a thing
        Message-ID: <{messageId}>
        Date: Mon, 2 Nov 2026 10:00:00 +0000

        Fix the thing.

        Signed-off-by: Ann Author <ann@example.org>
        ---
         drivers/thing.c | 2 +-
         1 file changed, 1 insertion(+), 1 deletion(-)

        diff --git a/drivers/thing.c b/drivers/thing.c
        index 1111111..2222222 100644
        --- a/drivers/thing.c
        +++ b/drivers/thing.c
        @@ -1 +1 @@
        -int thing = 0;
        +int thing = 1;
        --
        2.47.0

        """;

    static bool InTopic(string db, string messageId)
    {
        try
        {
            using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            c.Open();
            using var q = new SqliteCommand("SELECT count(*) FROM topic_messages WHERE message_id = $id", c);
            q.Parameters.AddWithValue("$id", messageId);
            return (long)q.ExecuteScalar()! > 0;
        }
        catch (SqliteException)
        {
            return false;
        }
    }
}
