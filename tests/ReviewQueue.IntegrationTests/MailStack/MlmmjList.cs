namespace ReviewQueue.IntegrationTests.MailStack;

/// <summary>
/// An mlmmj mailing list NAME@lists.localhost in a temp spool, posting through the Postfix fixture,
/// with List-Id &lt;NAME.lists.localhost&gt; (mlmmj adds none by default). Open for posting.
/// </summary>
public sealed class MlmmjList
{
    public string Spool { get; }
    public string Name { get; }
    public string Domain => "lists.localhost";
    public string Address => $"{Name}@{Domain}";
    public string ListId => $"{Name}.{Domain}";

    public MlmmjList(string spool, string name)
    {
        Spool = spool;
        Name = name;
        Directory.CreateDirectory(spool);
        var r = TestSupport.Run.Program(MailPrograms.MlmmjMakeMl, ["-L", name, "-s", spool],
            stdin: System.Text.Encoding.ASCII.GetBytes($"{Domain}\nowner@localhost\nen\n"), timeout: TimeSpan.FromSeconds(30));
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"mlmmj-make-ml failed: {r.Stderr}");
        File.WriteAllText(Path.Combine(Control, "customheaders"), $"List-Id: <{ListId}>\n");
    }

    string Control => Path.Combine(Spool, Name, "control");

    internal void RelayTo(int port)
    {
        File.WriteAllText(Path.Combine(Control, "relayhost"), "127.0.0.1\n");
        File.WriteAllText(Path.Combine(Control, "smtpport"), $"{port}\n");
        MailPrograms.Chown(Spool, "nobody");
    }

    /// <summary>The subscribers mlmmj has on file (subscribers.d/*).</summary>
    public IReadOnlyList<string> Subscribers()
    {
        var dir = Path.Combine(Spool, Name, "subscribers.d");
        return Directory.Exists(dir) ? Directory.GetFiles(dir).SelectMany(File.ReadAllLines).Where(l => l.Length > 0).ToList() : [];
    }
}
