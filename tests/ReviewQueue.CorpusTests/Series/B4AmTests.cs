using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Series;
using ReviewQueue.Storage;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Series;

/// <summary>
/// b4 as the oracle for `reviewqueue am` on a real list half-year. Debian's b4 (am -t) runs on patch threads of
/// hwmon-2024H2.mbox (split and run by the shared trailer oracle, through b4-am-threads.py, which keeps b4's .mbx);
/// the same mbox goes into a ledger; for each thread our am output of the revision b4 picked is compared with b4's,
/// patch by patch, after git mailinfo (what git am takes: author, subject, date, commit message, diff).
/// Measured 2026-11-27 on all 314 threads (REVIEWQUEUE_B4AM_EVERY=1, about 60-90 s): 904 patches, 894 identical
/// (98.9%), 897 the same commit after git am (99.2%); on every 2nd thread (the default, about 30-45 s): 461, 458
/// (99.3%), 459 (99.6%). What still differs is b4's doing, each case named in README (am): a "(company)" dropped from
/// the author's name, format=flowed not undone, a "--- note" line kept in the message, a sign-off moved below a note,
/// blank lines collapsed; or ours on purpose (reviews of the same patch given on an earlier revision in another
/// thread). At least 98% identical and 98.5% the same commit: each layout slip found so far cost 19-24% of patches.
/// </summary>
public sealed class B4AmTests(ITestOutputHelper output)
{
    /// <summary>A folder to keep b4's and our message of every patch that differs in (b4.eml, ours.eml per patch), or null.</summary>
    static string? Keep => Environment.GetEnvironmentVariable("REVIEWQUEUE_B4AM_KEEP") is { Length: > 0 } keep ? keep : null;

    /// <summary>b4 runs on every k-th patch thread in file order, starting with the first (1: all 314, 50-85 s of b4 on two cores).</summary>
    static int Every => int.TryParse(Environment.GetEnvironmentVariable("REVIEWQUEUE_B4AM_EVERY"), out var k) && k > 0 ? k : 2;

    [Fact]
    public async Task AmOfHwmonThreadsIsWhatB4AmWritesAfterGitMailinfo()
    {
        var mbox = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.mbox");
        var oracle = Path.GetFullPath(Path.Combine(Corpus.Root!, "..", "tools", "b4-trailers-oracle.py"));
        if (!File.Exists(oracle))
            Assert.Skip($"b4 oracle script missing: {oracle}");
        if (!File.Exists("/usr/bin/b4") || !File.Exists("/usr/bin/python3"))
            Assert.Skip("Debian's b4 (/usr/bin/b4) or /usr/bin/python3 is not installed");
        var ct = TestContext.Current.CancellationToken;
        using var tmp = new TempDir("rq-b4am");
        using var ledger = new TestLedger();

        var started = DateTime.UtcNow;
        var script = RepoPaths.Of("tests", "ReviewQueue.CorpusTests", "Series", "b4-am-threads.py");
        var b4 = Task.Run(() => Run.Program("/usr/bin/python3", [script, oracle, mbox, tmp.File("b4"), "--every", Every.ToString()],
            tmp.Path, timeout: TimeSpan.FromMinutes(8)), ct);
        await ledger.ImportAsync(mbox);
        var imported = DateTime.UtcNow - started;
        var run = await b4;
        Assert.True(run.ExitCode == 0, $"b4-am-threads.py exited {run.ExitCode}: {run.Stderr}");
        output.WriteLine(run.Stderr.Trim());
        output.WriteLine($"import {imported.TotalSeconds:0.0} s, b4 done after {(DateTime.UtcNow - started).TotalSeconds:0.0} s");

        var topics = ledger.Services.GetRequiredService<TopicStore>();
        var comparison = new AmComparison();
        using var results = JsonDocument.Parse(File.ReadAllBytes(tmp.File("b4/results.json")));
        foreach (var thread in results.RootElement.EnumerateArray())
        {
            var root = thread.GetProperty("thread_root").GetString();
            if (thread.GetProperty("mbx").GetString() is not { } mbx)
            {
                comparison.Thread($"b4 wrote no .mbx: {Short(thread.GetProperty("b4_error").GetString())}", root);
                continue;
            }
            var theirs = Mailinfo.Split(File.ReadAllBytes(mbx));
            var ids = theirs.Select(m => m.MessageId).OfType<string>().ToList();
            var topic = ids.Count == 0 ? null : await topics.FindAsync(ids[0], ct) is { } data ? TopicView.Read(data) : null;
            if (topic is null)
            {
                comparison.Thread("no topic holds b4's first patch", root, ours: true);
                continue;
            }
            // The revision holding most of b4's patches (b4 builds a partial reroll from two revisions).
            var revision = topic.Revisions.MaxBy(r => r.Patches.Count(p => ids.Contains(p.MessageId)))!;
            comparison.Thread(revision == topic.Revisions[^1] ? "compared" : "compared; our am writes a newer revision", root);
            var am = await AmMbox.OfRevisionAsync(revision, ledger.Messages, ct);
            var ours = Mailinfo.Split(System.Text.Encoding.UTF8.GetBytes(am.Mbox)).ToDictionary(m => m.MessageId ?? "", m => m.Raw);
            foreach (var (id, raw) in theirs)
            {
                if (!ours.TryGetValue(id ?? "", out var mine))
                {
                    comparison.Missing(root, id, am.Unreadable is null ? "not in our revision" : $"our am stops at <{am.Unreadable}>");
                    continue;
                }
                if (!comparison.Patch(id, Mailinfo.Of(raw, tmp), Mailinfo.Of(mine, tmp)) && Keep is { } keep)
                {
                    var folder = Directory.CreateDirectory(Path.Combine(keep, string.Concat(id!.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')))).FullName;
                    File.WriteAllBytes(Path.Combine(folder, "b4.eml"), raw);
                    File.WriteAllBytes(Path.Combine(folder, "ours.eml"), mine);
                }
            }
        }
        var elapsed = DateTime.UtcNow - started;

        comparison.Report(output.WriteLine);
        output.WriteLine($"every {Every} patch thread(s); whole run {elapsed.TotalSeconds:0.0} s");
        Assert.True(comparison.Patches >= 904 / Every * 9 / 10, $"only {comparison.Patches} patches compared");
        Assert.Equal(0, comparison.Unmatched);
        Assert.True(comparison.IdenticalShare >= 0.98, $"{comparison.IdenticalShare:P1} of patches identical after git mailinfo, below 98%");
        Assert.True(comparison.SameCommitShare >= 0.985, $"{comparison.SameCommitShare:P1} of patches the same commit after git am, below 98.5%");
    }

    static string Short(string? s) => s is null ? "" : s.Length > 90 ? s[..90] + "…" : s;
}
