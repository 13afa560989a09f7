using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewQueue.Imap;
using ReviewQueue.IntegrationTests.MailStack;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Imap;

/// <summary>
/// The worker against a real Dovecot while someone else changes the mailbox: a mail client deletes or moves mail, an
/// operator renames a folder the configuration names.
/// </summary>
public sealed class ImapMailboxChangesTests
{
    static readonly TimeSpan Soon = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AMessageRemovedBetweenTheSearchAndItsFetchIsSkippedAndTheRestIsStored()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        await using var other = await ImapTestClient.ConnectAsync(stack, "rq");
        await other.AppendAsync("INBOX", 150, "m"); // UIDs 1..150: two fetch chunks

        // While the first chunk (UIDs 1-100) commits, another client removes UID 120, which the sync has already
        // listed and fetches next.
        int removed = 0;
        var logged = new LogLines();
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path, s =>
        {
            s.AddLogging(l => l.AddProvider(logged));
            s.AddSingleton(sp =>
            {
                var sync = ActivatorUtilities.CreateInstance<ImapFolderSync>(sp);
                sync.BeforeCommit = async n =>
                {
                    if (n == 1 && Interlocked.Exchange(ref removed, 1) == 0)
                        await other.ExpungeAsync("INBOX", 120);
                };
                return sync;
            });
        });

        await service.WaitForAsync(async () => await service.CountAsync() == 149 || !Running(service), Soon, "the 149 messages left");
        Assert.True(Running(service), "the service stopped: " + string.Join("\n", logged.Lines().Where(l => l.StartsWith("Error") || l.StartsWith("Critical"))));
        Assert.Equal(0, await service.CountAsync("subject = 'm 119'"));
        var cursor = await service.App.Services.GetRequiredService<ImapCursorStore>().GetAsync("rq", "INBOX", CancellationToken.None);
        Assert.Equal(150, cursor!.LastUid);
        // Said once the chunk is through, just after its last commit.
        await service.WaitForAsync(() => Task.FromResult(logged.Count(l => l.Contains(
            "IMAP rq/INBOX: 1 message was removed from the server before being read (UID 120)")) == 1), Soon, "the removed UID in the log");

        // The worker goes on: new mail still arrives.
        await other.AppendAsync("INBOX", 1, "later");
        await service.WaitForAsync(async () => await service.CountAsync() == 150, Soon, "the message after");
    }

    [Fact]
    public async Task MailArrivingWhileOtherMailIsRemovedDuringARoundIsReadAtOnceNotAtTheNextPoll()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        await using var other = await ImapTestClient.ConnectAsync(stack, "rq");
        await other.AppendAsync("INBOX", 3, "first");

        // During the round that stores the 3, a mail client removes one of them and a new message arrives: the folder
        // holds as many messages as when the round began, one of them new.
        int changed = 0;
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path, poll: TimeSpan.FromMinutes(5), services: s => s.AddSingleton(sp =>
        {
            var sync = ActivatorUtilities.CreateInstance<ImapFolderSync>(sp);
            sync.BeforeCommit = async n =>
            {
                if (Interlocked.Exchange(ref changed, 1) == 0)
                {
                    await other.ExpungeAsync("INBOX", 1);
                    await other.AppendAsync("INBOX", 1, "meanwhile");
                }
            };
            return sync;
        }));

        await service.WaitForAsync(async () => await service.CountAsync() == 4, Soon, "the message that came during the round");
        Assert.Equal(1, await service.CountAsync("subject = 'meanwhile 0'"));
    }

    [Fact]
    public async Task AFolderRenamedAwayIsReportedByItsKeyAndTheOtherFoldersAreStillRead()
    {
        using var dir = new TempDir();
        await using var stack = await MailStackFixture.StartAsync(["rq"]);
        await using var other = await ImapTestClient.ConnectAsync(stack, "rq");
        await other.CreateAsync("lists");
        await other.AppendAsync("lists", 2, "list");
        var logged = new LogLines();
        await using var service = await ServiceUnderTest.StartAsync(stack, dir.Path, poll: TimeSpan.FromSeconds(2),
            services: s => s.AddLogging(l => l.AddProvider(logged)),
            settings: new Dictionary<string, string?> { ["Imap:Accounts:0:Folders:0"] = "lists", ["Imap:Accounts:0:Folders:1"] = "INBOX" });
        await service.WaitForAsync(async () => await service.CountAsync() == 2, Soon, "the list's 2 messages");

        // The operator renames the list's folder while the worker runs; mail keeps coming to INBOX.
        await other.RenameAsync("lists", "lists-old");
        await service.WaitForAsync(() => Task.FromResult(logged.Count(l => l.Contains("has no folder 'lists'")) >= 1), Soon, "the missing folder");
        await other.AppendAsync("INBOX", 1, "inbox");
        await service.WaitForAsync(async () => await service.CountAsync("subject = 'inbox 0'") == 1, Soon, "INBOX's message");
        var line = logged.Lines().First(l => l.Contains("has no folder 'lists'"));
        Assert.StartsWith("Error IMAP rq: the server has no folder 'lists' (Imap:Accounts:0:Folders)", line);
        Assert.DoesNotContain(logged.Lines(), l => l.Contains("Mailbox doesn't exist"));

        // Named back, it is read again from where it was.
        await other.RenameAsync("lists-old", "lists");
        await other.AppendAsync("lists", 1, "back");
        await service.WaitForAsync(async () => await service.CountAsync() == 4, Soon, "the list's message after the rename back");
    }

    static bool Running(ServiceUnderTest service) => !service.App.Lifetime.ApplicationStopping.IsCancellationRequested;
}
