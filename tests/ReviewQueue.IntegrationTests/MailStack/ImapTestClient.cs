using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace ReviewQueue.IntegrationTests.MailStack;

/// <summary>
/// A second IMAP client on the fixture's Dovecot, doing what an operator's mail client or the server's own
/// filters do beside ReviewQueue: append mail, remove it, create, rename and delete folders.
/// </summary>
public sealed class ImapTestClient : IAsyncDisposable
{
    readonly ImapClient client = new();

    public static async Task<ImapTestClient> ConnectAsync(MailStackFixture stack, string user)
    {
        var c = new ImapTestClient();
        await c.client.ConnectAsync("127.0.0.1", stack.Dovecot.Port, SecureSocketOptions.None, TestContext.Current.CancellationToken);
        await c.client.AuthenticateAsync(user, user, TestContext.Current.CancellationToken);
        return c;
    }

    async Task<IMailFolder> FolderAsync(string name) =>
        name == "INBOX" ? client.Inbox : await client.GetFolderAsync(name, TestContext.Current.CancellationToken);

    /// <summary>Appends messages with subjects "PREFIX 0", "PREFIX 1"… (one Message-ID each).</summary>
    public async Task AppendAsync(string folder, int count, string prefix, int bodyBytes = 0)
    {
        var f = await FolderAsync(folder);
        for (int i = 0; i < count; i++)
        {
            var m = new MimeMessage();
            m.From.Add(MailboxAddress.Parse("ada@localhost"));
            m.To.Add(MailboxAddress.Parse("rq@localhost"));
            m.Subject = $"{prefix} {i}";
            m.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("test.localhost");
            m.Date = DateTimeOffset.UtcNow;
            var text = bodyBytes == 0 ? "hello\n" : string.Concat(Enumerable.Repeat(new string('x', 75) + "\n", bodyBytes / 76 + 1));
            m.Body = new TextPart("plain") { Text = text };
            await f.AppendAsync(m, MessageFlags.None, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Appends one message that has no Message-ID header (the ledger derives its id from the content).</summary>
    public async Task AppendWithoutMessageIdAsync(string folder, string subject)
    {
        var m = new MimeMessage();
        m.From.Add(MailboxAddress.Parse("ada@localhost"));
        m.To.Add(MailboxAddress.Parse("rq@localhost"));
        m.Subject = subject;
        m.Date = DateTimeOffset.UtcNow;
        m.Body = new TextPart("plain") { Text = "no id\n" };
        m.Headers.Remove(HeaderId.MessageId);
        await (await FolderAsync(folder)).AppendAsync(m, MessageFlags.None, TestContext.Current.CancellationToken);
    }

    /// <summary>Sets an identifier's rights on a folder (SETACL; the server needs Dovecot's acl and imap_acl plugins, see <see cref="DovecotServer.Acl"/>).</summary>
    public async Task SetRightsAsync(string folder, string identifier, string rights) =>
        await (await FolderAsync(folder)).SetAccessRightsAsync(identifier, new AccessRights(rights), TestContext.Current.CancellationToken);

    /// <summary>Removes the messages with these UIDs (\Deleted, then UID EXPUNGE), as a mail client deleting or moving them does.</summary>
    public async Task ExpungeAsync(string folder, params uint[] uids)
    {
        var f = await FolderAsync(folder);
        await f.OpenAsync(FolderAccess.ReadWrite, TestContext.Current.CancellationToken);
        var ids = uids.Select(u => new UniqueId(u)).ToList();
        await f.AddFlagsAsync(ids, MessageFlags.Deleted, silent: true, TestContext.Current.CancellationToken);
        await f.ExpungeAsync(ids, TestContext.Current.CancellationToken);
        await f.CloseAsync(false, TestContext.Current.CancellationToken);
    }

    public async Task CreateAsync(string folder) =>
        await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync(folder, true, TestContext.Current.CancellationToken);

    public async Task RenameAsync(string folder, string newName) =>
        await (await FolderAsync(folder)).RenameAsync(client.GetFolder(client.PersonalNamespaces[0]), newName, TestContext.Current.CancellationToken);

    /// <summary>How many messages the folder holds now, as the server says (STATUS).</summary>
    public async Task<int> CountAsync(string folder)
    {
        var f = await FolderAsync(folder);
        await f.StatusAsync(StatusItems.Count, TestContext.Current.CancellationToken);
        return f.Count;
    }

    public async ValueTask DisposeAsync()
    {
        if (client.IsConnected)
            await client.DisconnectAsync(true);
        client.Dispose();
    }
}
