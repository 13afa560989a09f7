using System.Text;
using ReviewQueue.TestSupport;

namespace ReviewQueue.Core.Tests.Mail;

/// <summary>
/// A git repository built by the test, with one commit per hard case of patch mail: renames
/// (with and without changes), a copy, binary files, a mode change, new, empty and deleted files,
/// CRLF content, a long folded subject and non-ASCII names. Patches come from git format-patch.
/// </summary>
public sealed class FormatPatchRepository : IDisposable
{
    readonly TempDir dir = new("rq-mail");
    public string Path => dir.Path;
    public IReadOnlyList<string> Commits { get; }

    public FormatPatchRepository()
    {
        Git("init", "-q", "-b", "main");
        Git("config", "core.autocrlf", "false");
        Write("drivers/hwmon/lm75.c", Lines("lm75", 40));
        Write("drivers/hwmon/old-name.c", Lines("old", 30));
        Write("drivers/hwmon/moved.c", Lines("moved", 12));
        Write("scripts/check.sh", "#!/bin/sh\necho ok\n");
        Write("firmware/blob.bin", Binary(1, 600));
        Write("docs/crlf.txt", "one\r\ntwo\r\nthree\r\n");
        Write("docs/gone.txt", Lines("gone", 5));
        Commit("base", "Ada Author", "ada@example.org");

        Write("drivers/hwmon/lm75.c", Lines("lm75", 40).Replace("lm75 line 7\n", "lm75 line seven\n") + "added\n");
        Commit("hwmon: (lm75) change a line and add one", "Ada Author", "ada@example.org",
            "\nReviewed-by: Rita Reviewer <rita@example.org>\nSigned-off-by: Ada Author <ada@example.org>");

        Git("mv", "drivers/hwmon/old-name.c", "drivers/hwmon/new-name.c");
        Write("drivers/hwmon/new-name.c", Lines("old", 30) + "one more\n");
        Commit("hwmon: rename with a change", "Ada Author", "ada@example.org");

        Directory.CreateDirectory(System.IO.Path.Combine(Path, "drivers/hwmon/sub"));
        Git("mv", "drivers/hwmon/moved.c", "drivers/hwmon/sub/moved.c");
        Commit("hwmon: pure rename", "Ada Author", "ada@example.org");

        Write("drivers/hwmon/copy.c", Lines("lm75", 40).Replace("lm75 line 7\n", "lm75 line seven\n") + "added\ncopied\n");
        Commit("hwmon: copy a driver", "Ada Author", "ada@example.org");

        Write("firmware/blob.bin", Binary(2, 600));
        Write("firmware/new.bin", Binary(3, 300));
        Commit("firmware: binary change and new binary", "Ada Author", "ada@example.org");

        Git("update-index", "--chmod=+x", "scripts/check.sh");
        Git("commit", "-q", "-m", "scripts: make check.sh executable");

        Write("docs/empty.txt", "");
        Git("rm", "-q", "docs/gone.txt");
        Commit("docs: add an empty file, delete another", "Ada Author", "ada@example.org");

        Write("docs/crlf.txt", "one\r\nTWO\r\nthree\r\n");
        Commit("docs: change a CRLF file", "Ada Author", "ada@example.org");

        Write("drivers/hwmon/lm75.c", Lines("lm75", 40) + "ünïcödé\n");
        Commit("hwmon: (lm75) a very long subject line that git format-patch has to fold over several header lines because it is long",
            "Jörg Ærøskøbing-Ünicode", "joerg@example.org", "\nBody with non-ASCII: café, Straße, 日本語.\n\nSigned-off-by: Jörg Ærøskøbing-Ünicode <joerg@example.org>");

        Commits = Git("rev-list", "--reverse", "HEAD~9..HEAD").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>One commit as format-patch writes it (renames, copies, binary; plus extra options).</summary>
    public byte[] FormatPatch(string commit, params string[] extra) =>
        Git(["format-patch", "-1", "--stdout", "-M", "-C", "--find-copies-harder", "--binary", .. extra, commit]).StdoutBytes;

    public RunResult Git(params string[] args) => Run.Git(Path, args);

    public RunResult GitWithInput(byte[] stdin, params string[] args) => Run.Git(Path, stdin, args);

    void Write(string relative, string text) => Write(relative, Encoding.UTF8.GetBytes(text));

    void Write(string relative, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
    }

    void Commit(string subject, string name, string email, string body = "")
    {
        Git("add", "-A");
        Git("-c", $"user.name={name}", "-c", $"user.email={email}", "commit", "-q", "--author", $"{name} <{email}>", "-m", subject + "\n" + body);
    }

    static string Lines(string prefix, int count) =>
        string.Concat(Enumerable.Range(1, count).Select(i => $"{prefix} line {i}\n"));

    static byte[] Binary(int seed, int length)
    {
        var random = new Random(seed);
        var bytes = new byte[length];
        random.NextBytes(bytes);
        bytes[0] = 0;
        return bytes;
    }

    public void Dispose() => dir.Dispose();
}
