using System.Diagnostics;
using System.Text;

namespace ReviewQueue.IntegrationTests.MailStack;

/// <summary>
/// A Postfix instance of its own (own config and queue in a temp folder) listening on a free
/// loopback port. It delivers user@localhost into the Dovecot server's Maildirs and hands list
/// addresses to mlmmj. Stop and Start again keep the queue (mail accepted while... is kept).
/// </summary>
public sealed class PostfixServer : IAsyncDisposable
{
    public string Root { get; }
    public int Port { get; } = MailPrograms.FreePort();
    Process? process;
    readonly StringBuilder log = new();

    /// <param name="extraConfig">More main.cf lines, e.g. a restriction that makes Postfix slow to answer.</param>
    /// <param name="pipes">Domains whose mail Postfix's pipe(8) hands to a command, as an operator sets up `import -`.</param>
    public PostfixServer(string root, DovecotServer dovecot, MlmmjList[] lists, string extraConfig = "", PipeTransport[]? pipes = null)
    {
        pipes ??= [];
        Root = root;
        var etc = Path.Combine(root, "etc");
        Directory.CreateDirectory(etc);
        Directory.CreateDirectory(Path.Combine(root, "spool"));
        Directory.CreateDirectory(Path.Combine(root, "data"));
        MailPrograms.Chown(Path.Combine(root, "data"), "postfix");

        // Debian's master.cf with smtpd on our port, nothing chrooted, and mlmmj's pipe.
        var master = new StringBuilder();
        foreach (var line in File.ReadAllLines("/etc/postfix/master.cf"))
        {
            if (line.Length == 0 || !char.IsAsciiLetterOrDigit(line[0]))
            {
                master.AppendLine(line);
                continue;
            }
            var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields[0] == "smtp" && fields[1] == "inet")
            {
                master.AppendLine($"127.0.0.1:{Port} inet n - n - - smtpd");
                continue;
            }
            if (fields.Length >= 8)
                fields[4] = "n";
            master.AppendLine(string.Join(' ', fields));
        }
        if (lists.Length > 0)
            master.AppendLine($"mlmmj unix - n n - - pipe flags=ORhu user=nobody argv={MailPrograms.MlmmjReceive} -F -L {lists[0].Spool}/$nexthop");
        // One recipient per command (pipe(8): a command reads one message), run as nobody (pipe refuses root).
        foreach (var pipe in pipes)
            master.AppendLine($"{pipe.Name} unix - n n - - pipe flags=q user=nobody argv={pipe.Argv}");
        File.WriteAllText(Path.Combine(etc, "master.cf"), master.ToString());

        File.WriteAllLines(Path.Combine(etc, "vmailbox"), dovecot.Users.Select(u => $"{u}@localhost {u}/Maildir/"));
        File.WriteAllLines(Path.Combine(etc, "virtual"), lists.Select(l => $"{l.Address} {l.Domain}--{l.Name}@localhost.mlmmj"));
        File.WriteAllLines(Path.Combine(etc, "transport"), lists.Select(l => $"{l.Domain}--{l.Name}@localhost.mlmmj mlmmj:{l.Name}")
            .Concat(pipes.Select(p => $"{p.Domain} {p.Name}:")));
        File.WriteAllText(Path.Combine(etc, "main.cf"), $"""
            compatibility_level = 3.6
            queue_directory = {root}/spool
            data_directory = {root}/data
            maillog_file = /dev/stdout
            myhostname = localhost
            mydestination =
            inet_interfaces = 127.0.0.1
            inet_protocols = ipv4
            mynetworks = 127.0.0.0/8
            alias_maps =
            alias_database =
            recipient_delimiter = +
            virtual_mailbox_domains = localhost
            virtual_mailbox_base = {dovecot.Root}/home
            virtual_mailbox_maps = texthash:{etc}/vmailbox
            virtual_uid_maps = static:65534
            virtual_gid_maps = static:65534
            virtual_alias_maps = texthash:{etc}/virtual
            transport_maps = texthash:{etc}/transport
            mlmmj_destination_recipient_limit = 1
            {string.Join("\n", pipes.Select(p => $"{p.Name}_destination_recipient_limit = 1"))}
            {extraConfig}
            """.Replace("\n            ", "\n"));
        foreach (var l in lists)
            l.RelayTo(Port);
    }

    string Etc => Path.Combine(Root, "etc");

    /// <summary>What Postfix logged (maillog_file is stdout), for a failing test's message.</summary>
    public string Log
    {
        get { lock (log) return log.ToString(); }
    }

    /// <summary>What mailq prints: each queued mail with the reason of its last deferral.</summary>
    public string Queue() => MailPrograms.Must(MailPrograms.Postqueue, "-c", Etc, "-p").Stdout;

    /// <summary>Tries every deferred mail again now (`postqueue -f`), as an operator does after mending the cause.</summary>
    public void Flush() => MailPrograms.Must(MailPrograms.Postqueue, "-c", Etc, "-f");

    public async Task StartAsync()
    {
        process = new Process
        {
            StartInfo = new ProcessStartInfo(MailPrograms.Postfix, ["-c", Etc, "start-fg"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            },
        };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await MailPrograms.WaitForPortAsync(Port, open: true, TimeSpan.FromSeconds(20));
    }

    public async Task StopAsync()
    {
        if (process is null)
            return;
        MailPrograms.Must(MailPrograms.Postfix, "-c", Etc, "stop");
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        process.Dispose();
        process = null;
        await MailPrograms.WaitForPortAsync(Port, open: false, TimeSpan.FromSeconds(10));
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

/// <summary>A pipe(8) transport: mail to <paramref name="Domain"/> goes to the command <paramref name="Argv"/> (no shell).</summary>
public sealed record PipeTransport(string Name, string Domain, string Argv);
