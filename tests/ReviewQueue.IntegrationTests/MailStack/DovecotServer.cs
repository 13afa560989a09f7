using System.Diagnostics;

namespace ReviewQueue.IntegrationTests.MailStack;

/// <summary>
/// A Dovecot IMAP server on a free loopback port, in its own temp folder, with plain-text users
/// (password = user name) whose Maildirs belong to nobody (65534). Stop and Start again keep the mail.
/// </summary>
public sealed class DovecotServer : IAsyncDisposable
{
    public string Root { get; }
    public int Port { get; } = MailPrograms.FreePort();
    public IReadOnlyList<string> Users { get; }
    Process? process;

    /// <param name="extraConfig">More dovecot.conf lines, e.g. an imap_capability without IDLE.</param>
    public DovecotServer(string root, string[] users, string extraConfig = "")
    {
        Root = root;
        Users = users;
        foreach (var d in new[] { "run", "state", "home" })
            Directory.CreateDirectory(Path.Combine(root, d));
        foreach (var user in users)
            foreach (var d in new[] { "cur", "new", "tmp" })
                Directory.CreateDirectory(Path.Combine(Maildir(user), d));
        MailPrograms.Chown(Path.Combine(root, "home"), "65534:65534");
        File.WriteAllLines(Path.Combine(root, "users"), users.Select(u => $"{u}:{{PLAIN}}{u}:65534:65534::{Home(u)}"));
        File.WriteAllText(Config, $$"""
            base_dir = {{root}}/run
            state_dir = {{root}}/state
            log_path = {{root}}/dovecot.log
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            mail_location = maildir:~/Maildir
            default_internal_user = dovecot
            default_login_user = dovenull
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%n {{root}}/users
            }
            userdb {
              driver = passwd-file
              args = username_format=%n {{root}}/users
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            {{extraConfig}}
            """);
    }

    /// <summary>
    /// dovecot.conf lines for access control lists: a user may then take rights from their own folders with SETACL, and the
    /// server refuses what the rights do not allow (NO [NOPERM]), as an administrator's rights on a shared folder do. A
    /// session reads changed rights after a second (cache_secs; the empty field before it is the global ACL path, none).
    /// </summary>
    public const string Acl = """
        mail_plugins = $mail_plugins acl
        protocol imap {
          mail_plugins = $mail_plugins imap_acl
        }
        plugin {
          acl = vfile::cache_secs=1
        }
        """;

    string Config => Path.Combine(Root, "dovecot.conf");
    public string Home(string user) => Path.Combine(Root, "home", user);
    public string Maildir(string user) => Path.Combine(Home(user), "Maildir");

    public async Task StartAsync()
    {
        process = Process.Start(new ProcessStartInfo(MailPrograms.Dovecot, ["-F", "-c", Config])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        await MailPrograms.WaitForPortAsync(Port, open: true, TimeSpan.FromSeconds(10));
    }

    public async Task StopAsync()
    {
        if (process is null)
            return;
        MailPrograms.Must(MailPrograms.Dovecot, "-c", Config, "stop");
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        process.Dispose();
        process = null;
        await MailPrograms.WaitForPortAsync(Port, open: false, TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// Makes Dovecot forget the folder's UIDs (as when a mailbox is deleted and recreated): the
    /// next start gives it a new UIDVALIDITY and numbers the messages from 1 again. Stop first.
    /// </summary>
    public void ForgetUids(string user)
    {
        foreach (var f in Directory.GetFiles(Maildir(user), "dovecot*"))
            File.Delete(f);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (Exception) when (process is not null)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
