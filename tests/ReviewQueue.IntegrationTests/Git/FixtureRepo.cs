using System.Text;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Git;

/// <summary>
/// A real repository built with the git CLI, and a patch series made from it.
/// <code>
///   base ── M1 (master: edits the context of topic's 1st patch, then more)
///     └── T1 … T7 (topic: hunks, rename with edit, mode change, binary, delete/add, no-newline, pure rename)
/// </code>
/// </summary>
public sealed class FixtureRepo : IDisposable
{
    readonly TempDir dir = new("rq-git");

    public string Path { get; }
    public string Base { get; }
    public IReadOnlyList<string> TopicCommits { get; }
    /// <summary>The topic series as `git format-patch --pretty=mboxrd` wrote it, one file per patch.</summary>
    public IReadOnlyList<string> PatchFiles { get; }

    public FixtureRepo()
    {
        Path = dir.File("repo");
        Directory.CreateDirectory(Path);
        Git("init", "-q", "-b", "master");
        Git("config", "core.abbrev", "7");
        Write("drivers/hwmon/sensor.c", CSource(120));
        Write("docs/readme.txt", Lines("readme line", 40));
        Write("scripts/run.sh", "#!/bin/sh\necho run\n");
        Write("firmware/logo.bin", Binary(3000, 1));
        Write("name with space.txt", "spaced\nname\n");
        Write("noeol.txt", "first\nsecond\nlast without newline");
        Write("old/dir/moved.c", Lines("moved content", 30));
        Write("gone.txt", "to be deleted\n");
        Commit("hwmon: initial import");
        Base = Head();

        Git("checkout", "-q", "-b", "topic");
        Edit("drivers/hwmon/sensor.c", s => s.Replace("\tvalue_10 = read(10);\n", "\tvalue_10 = read(10) + 1;\n")
                                            .Replace("\tvalue_90 = read(90);\n", "\tvalue_90 = read_fast(90);\n"));
        Commit("hwmon: (sensor) Fix reads\n\nTwo hunks.\n\nSigned-off-by: Ada Author <ada@example.org>");
        File.Move(F("docs/readme.txt"), F("docs/README"));
        Edit("docs/README", s => s.Replace("readme line 20\n", "readme line twenty\n"));
        Git("add", "-A");
        Commit("docs: Rename readme with an edit");
        Git("update-index", "--chmod=+x", "scripts/run.sh");
        Edit("scripts/run.sh", s => s + "echo done\n");
        Commit("scripts: Make run.sh executable");
        Write("firmware/logo.bin", Binary(3000, 2));
        Write("firmware/new.bin", Binary(500, 3));
        Commit("firmware: Update logo, add new blob");
        File.Delete(F("gone.txt"));
        Edit("name with space.txt", s => s + "more\n");
        Write("drivers/hwmon/new-driver.c", CSource(15));
        Commit("hwmon: Add new driver, drop gone.txt");
        Edit("noeol.txt", s => s.Replace("second", "2nd"));
        Commit("noeol: Change the middle line");
        Directory.CreateDirectory(F("new/dir"));
        File.Move(F("old/dir/moved.c"), F("new/dir/moved.c"));
        Commit("move: Pure rename");
        TopicCommits = Git("rev-list", "--reverse", "master..topic").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var outDir = dir.File("patches");
        Git("format-patch", "-q", "--pretty=mboxrd", "--thread=shallow", "-o", outDir, "master..topic");
        PatchFiles = Directory.GetFiles(outDir).Order(StringComparer.Ordinal).ToList();

        Git("checkout", "-q", "master");
        Edit("drivers/hwmon/sensor.c", s => s.Replace("\tvalue_9 = read(9);\n", "\tvalue_9 = read(9) * 2;\n"));
        Commit("hwmon: (sensor) Scale the ninth value");
    }

    public RunResult Git(params string[] args) => Run.Git(Path, args);

    public RunResult Git(byte[] stdin, params string[] args) => Run.Git(Path, stdin, args);

    public string Head(string rev = "HEAD") => Git("rev-parse", rev).Stdout.Trim();

    public string F(string path) => System.IO.Path.Combine(Path, path);

    public void Write(string path, string text) => Write(path, Encoding.UTF8.GetBytes(text));

    public void Write(string path, byte[] bytes)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(F(path))!);
        File.WriteAllBytes(F(path), bytes);
    }

    public void Edit(string path, Func<string, string> change) => Write(path, change(File.ReadAllText(F(path))));

    public void Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "-m", message);
    }

    /// <summary>The diff of a mail file as `git mailinfo` extracts it (what `git am` applies).</summary>
    public byte[] MailDiff(string mailFile)
    {
        var msg = dir.File("mailinfo-msg");
        var patch = dir.File("mailinfo-patch");
        Git(File.ReadAllBytes(mailFile), "mailinfo", "-u", msg, patch);
        return File.ReadAllBytes(patch);
    }

    /// <summary>git's own verdict: APPLIES, ALREADY_PRESENT or CONFLICTS against a commit, one patch alone.</summary>
    public string GitApplyVerdict(string commit, byte[] diff)
    {
        var file = dir.File("verdict.patch");
        File.WriteAllBytes(file, diff);
        Git("checkout", "-q", "--detach", commit);
        var env = new Dictionary<string, string> { ["HOME"] = Path, ["GIT_CONFIG_NOSYSTEM"] = "1" };
        if (Run.Program("git", ["apply", "--check", file], Path, env: env).ExitCode == 0)
            return "APPLIES";
        if (Run.Program("git", ["apply", "--check", "-R", file], Path, env: env).ExitCode == 0)
            return "ALREADY_PRESENT";
        return "CONFLICTS";
    }

    public static string CSource(int values)
    {
        var sb = new StringBuilder("#include <linux/hwmon.h>\n\nstatic int probe(void)\n{\n");
        for (int i = 0; i < values; i++)
            sb.Append($"\tvalue_{i} = read({i});\n");
        sb.Append("\treturn 0;\n}\n");
        return sb.ToString();
    }

    public static string Lines(string prefix, int count) =>
        string.Concat(Enumerable.Range(1, count).Select(i => $"{prefix} {i}\n"));

    public static byte[] Binary(int size, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[size];
        random.NextBytes(bytes);
        bytes[0] = 0;
        // Mostly the same bytes from one seed to the next, so git writes a delta.
        var common = new Random(0);
        for (int i = 0; i < size * 3 / 4; i++)
            bytes[i] = (byte)common.Next(256);
        return bytes;
    }

    public void Dispose() => dir.Dispose();
}
