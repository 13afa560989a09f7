using System.Text;
using System.Text.Json;
using LibGit2Sharp;
using MimeKit;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Git.Apply;
using ReviewQueue.Trees;

namespace ReviewQueue.Benchmarks;

/// <summary>
/// Our in-memory applies check against the corpus oracle: for each patch mail of hwmon-2024H2,
/// what `git mailinfo` + `git apply --check` (then -R) said against Linux 6.12.117. The diff comes
/// from the product's own mail reading (PostedPatch), or with --mailinfo from git mailinfo, which
/// isolates the apply engine from mail decoding.
/// </summary>
static class ApplyEvaluation
{
    public static int Run(string[] args)
    {
        var a = new Arguments(args);
        // Checked before anything is read, each in one line as the other modes say theirs (64 usage, 66 no input).
        var repoPath = a.Value("--repo");
        if (repoPath is null)
        {
            Console.Error.WriteLine("apply-eval: --repo LINUX_GIT is required (make it with scripts/make-linux-6.12-repo.sh)");
            return 64;
        }
        if (!Repository.IsValid(repoPath))
        {
            Console.Error.WriteLine($"apply-eval: --repo {repoPath} is not a git repository (make it with scripts/make-linux-6.12-repo.sh)");
            return 66;
        }
        var corpus = Environment.GetEnvironmentVariable("REVIEWQUEUE_CORPUS") ?? FindCorpus();
        var mbox = a.Value("--mbox") ?? Path.Combine(corpus, "lists", "linux-hwmon", "hwmon-2024H2.mbox");
        var oraclePath = a.Value("--oracle") ?? Path.Combine(corpus, "lists", "linux-hwmon", "hwmon-2024H2.apply-check-vs-6.12.117.json");
        foreach (var (option, file) in new[] { ("--mbox", mbox), ("--oracle", oraclePath) })
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"apply-eval: {option} {file} does not exist");
                return 66;
            }
        bool mailinfo = a.Flag("--mailinfo");
        int show = int.Parse(a.Value("--show") ?? "20", System.Globalization.CultureInfo.InvariantCulture);

        var raw = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var stream = File.OpenRead(mbox))
            foreach (var mail in new MboxReader(stream, mbox).Read())
            {
                using var ms = new MemoryStream(mail.Bytes);
                var id = EnvelopeReader.NormalizeMessageId(HeaderList.Load(ms)[HeaderId.MessageId]);
                if (id is not null)
                    raw.TryAdd(id, mail.Bytes);
            }
        using var oracle = JsonDocument.Parse(File.ReadAllBytes(oraclePath));
        using var repo = new Repository(repoPath);
        var head = repo.Head.Tip;
        var work = Directory.CreateTempSubdirectory("rq-apply-eval").FullName;

        int total = 0, agree = 0, missing = 0;
        var matrix = new Dictionary<(string Git, string Ours), int>();
        var disagreements = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var entry in oracle.RootElement.EnumerateArray())
        {
            var id = EnvelopeReader.NormalizeMessageId(entry.GetProperty("message_id").GetString())!;
            var expected = entry.GetProperty("status_vs_linux_6_12_117").GetString()!;
            if (!raw.TryGetValue(id, out var bytes))
            {
                missing++;
                continue;
            }
            var diff = mailinfo ? MailInfoDiff(bytes, work) : PostedPatch.FromRaw(bytes) is { } p ? Encoding.UTF8.GetBytes(p.Diff) : null;
            string ours;
            string detail = "";
            if (diff is null || diff.Length == 0)
            {
                ours = "CONFLICTS";
                detail = "no diff found";
            }
            else
            {
                var result = ApplyCheck.Check(repo, head, diff);
                ours = result.Status switch
                {
                    ApplyStatus.Applies => "APPLIES",
                    ApplyStatus.AlreadyPresent => "ALREADY_PRESENT",
                    _ => "CONFLICTS",
                };
                detail = string.Join("; ", result.Problems.Take(2));
            }
            total++;
            matrix[(expected, ours)] = matrix.GetValueOrDefault((expected, ours)) + 1;
            if (expected == ours)
                agree++;
            else
                disagreements.Add($"{id}: git {expected}, ours {ours} {detail}");
        }
        Directory.Delete(work, recursive: true);

        Console.WriteLine($"tree {repoPath} at {head.Sha[..12]}, diff from {(mailinfo ? "git mailinfo" : "ReviewQueue's mail reading")}");
        Console.WriteLine($"patches compared: {total} (not in the mbox: {missing}) in {clock.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"agreement with git apply --check: {agree}/{total} = {100.0 * agree / Math.Max(1, total):0.00}%");
        foreach (var ((git, ours), n) in matrix.OrderBy(m => m.Key.Git).ThenBy(m => m.Key.Ours))
            Console.WriteLine($"  git {git,-15} ours {ours,-15} {n,5}");
        foreach (var d in disagreements.Take(show))
            Console.WriteLine("  " + d);
        return 0;
    }

    static byte[] MailInfoDiff(byte[] raw, string work)
    {
        var msg = Path.Combine(work, "msg");
        var patch = Path.Combine(work, "patch");
        var (code, _, _) = Shell.Run("git", ["mailinfo", "-u", msg, patch], work, raw);
        return code == 0 && File.Exists(patch) ? File.ReadAllBytes(patch) : [];
    }

    static string FindCorpus()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ReviewQueue.sln")))
            dir = dir.Parent;
        return Path.GetFullPath(Path.Combine(dir?.FullName ?? ".", "..", "shared", "corpus"));
    }
}
