using System.Text.Json;
using ReviewQueue.Core.Series;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Series;

/// <summary>
/// Maintainers' b4 "thank you" replies in hwmon 2024H2 name each applied patch and its commit
/// (`[n/m] subject` + `commit: sha`); the corpus lists those pairs (hwmon-2024H2.b4-ty-commit-labels.json,
/// read from the replies independently of ReviewQueue). Each labelled patch must be accepted in our topics,
/// with that commit.
/// </summary>
public sealed class HwmonAppliedCommitsTests(ITestOutputHelper output)
{
    sealed record Label(string TyMessageId, string ThreadRoot, string InReplyTo, int PatchNumber, int PatchTotal, string PatchSubject, string Commit);

    [Fact]
    public void EveryPatchAMaintainerThankedWithACommitIsAcceptedWithThatCommit()
    {
        var mbox = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.mbox");
        var labelsFile = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.b4-ty-commit-labels.json");
        var labels = Labels(labelsFile);
        Assert.True(labels.Count >= 20, $"the corpus lists {labels.Count} labels");

        var topics = CorpusMail.Build(CorpusMail.Series(mbox));
        // Every revision that holds a mail of the labelled thread: the cover, or any patch.
        var revisionsOf = new Dictionary<string, List<SeriesRevision>>(StringComparer.Ordinal);
        foreach (var r in topics.SelectMany(t => t.Revisions))
            foreach (var id in r.Patches.Select(p => p.MessageId).Append(r.CoverMessageId).OfType<string>())
                (revisionsOf.TryGetValue(id, out var list) ? list : revisionsOf[id] = []).Add(r);

        var failures = new List<string>();
        foreach (var label in labels)
        {
            var patch = (revisionsOf.GetValueOrDefault(label.InReplyTo) ?? revisionsOf.GetValueOrDefault(label.ThreadRoot) ?? [])
                .SelectMany(r => r.Patches)
                .FirstOrDefault(p => p.Index == label.PatchNumber && p.Total == label.PatchTotal && SameTitle(p.Title, label.PatchSubject));
            var said = $"[{label.PatchNumber}/{label.PatchTotal}] {label.PatchSubject} (thanked in {label.TyMessageId})";
            if (patch is null)
                failures.Add($"{said}: no such patch in our topics");
            else if (patch.Accepted is not { } accepted)
                failures.Add($"{said}: {patch.MessageId} is not accepted");
            else if (accepted.Commit is null || !label.Commit.StartsWith(accepted.Commit, StringComparison.OrdinalIgnoreCase) && !accepted.Commit.StartsWith(label.Commit, StringComparison.OrdinalIgnoreCase))
                failures.Add($"{said}: accepted with commit {accepted.Commit ?? "(none)"}, the reply says {label.Commit}");
            else
                output.WriteLine($"{said}: accepted, {accepted.How}, commit {accepted.Commit}");
        }
        foreach (var f in failures)
            output.WriteLine("DIFFERS " + f);
        output.WriteLine($"{labels.Count - failures.Count} of {labels.Count} labelled patches accepted with the reply's commit");
        Assert.Empty(failures);
    }

    // b4 writes the patch's subject after its prefixes; ours is the title with them removed. Whitespace aside, the same.
    static bool SameTitle(string ours, string theirs) =>
        string.Equals(string.Join(' ', ours.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)),
            string.Join(' ', theirs.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);

    static List<Label> Labels(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        static string Id(JsonElement e, string name) => e.GetProperty(name).GetString()!.Trim('<', '>');
        return json.RootElement.EnumerateArray().Select(e => new Label(
            Id(e, "ty_message_id"), Id(e, "thread_root"), Id(e, "in_reply_to"),
            e.GetProperty("patch_number").GetInt32(), e.GetProperty("patch_total").GetInt32(),
            e.GetProperty("patch_subject").GetString()!, e.GetProperty("commit").GetString()!)).ToList();
    }
}
