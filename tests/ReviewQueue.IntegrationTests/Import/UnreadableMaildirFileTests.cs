using System.Text.Json;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Import;

/// <summary>
/// A maildir holding one message this user may not read (delivered by another user with mode 600): the message is kept as
/// rejected, Unreadable, naming the file, and the maildir read on, instead of the import stopping at it (exit 75) with the
/// mail after it unread. Imported again once it can be read, it is stored.
/// </summary>
public sealed class UnreadableMaildirFileTests
{
    [Fact]
    public void AnUnreadableMessageIsRejectedAndTheRestOfTheMaildirIsStored()
    {
        using var dir = new TempDir();
        var maildir = dir.File("Maildir");
        foreach (var sub in new[] { "cur", "new", "tmp" })
            Directory.CreateDirectory(Path.Combine(maildir, sub));
        string File(int n) => Path.Combine(maildir, "new", $"176760720{n}.M{n}P1.host");
        for (int n = 1; n <= 4; n++)
            System.IO.File.WriteAllText(File(n), MailText.Message(n, $"m{n}@example.org"));
        TestSupport.Run.Program("chmod", ["-R", "a+rwX", dir.Path]);
        TestSupport.Run.Program("chmod", ["000", File(2)]);
        TestSupport.Run.Program("chmod", ["000", File(3)]);
        var db = dir.File("ledger.db");

        var first = AsOtherUser(["--db", db, "import", maildir], dir);

        Assert.True(first.ExitCode == 0, $"exit {first.ExitCode}: {first.Stdout} {first.Stderr}");
        Assert.StartsWith("read 4, new 2, duplicate 0, rejected 2", first.Stdout);
        var rejected = JsonDocument.Parse(AsOtherUser(["--db", db, "rejected", "--json"], dir).Stdout).RootElement.EnumerateArray()
            .Select(r => r.ToString()).ToList();
        Assert.Equal(2, rejected.Count); // two files with nothing read from them are two rows
        Assert.Contains(rejected, r => r.Contains("Unreadable") && r.Contains(File(2)));
        Assert.Contains(rejected, r => r.Contains("Unreadable") && r.Contains(File(3)));

        TestSupport.Run.Program("chmod", ["666", File(2), File(3)]);
        var again = AsOtherUser(["--db", db, "import", maildir], dir);

        Assert.StartsWith("read 4, new 2, duplicate 2, rejected 0", again.Stdout);
    }

    /// <summary>root reads any file: as root, the command runs as nobody.</summary>
    static RunResult AsOtherUser(string[] args, TempDir dir)
    {
        if (Environment.UserName != "root")
            return ReviewQueueProgram.Run(args);
        Directory.CreateDirectory(dir.File("home"));
        TestSupport.Run.Program("chmod", ["-R", "a+rwX", dir.File("home")]);
        TestSupport.Run.Program("chmod", ["777", dir.Path]);
        foreach (var ledger in Directory.EnumerateFiles(dir.Path, "ledger.db*"))
            TestSupport.Run.Program("chmod", ["666", ledger]);
        return TestSupport.Run.Program("runuser", ["-u", "nobody", "--", "env", "HOME=" + dir.File("home"), "DOTNET_NOLOGO=1",
            "REVIEWQUEUE_JIT_PROFILES=", "dotnet", ReviewQueueProgram.Dll, .. args], timeout: TimeSpan.FromSeconds(60));
    }
}
