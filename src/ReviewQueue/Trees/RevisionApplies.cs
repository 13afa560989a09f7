using System.Text.Json;
using System.Text.Json.Nodes;
using ReviewQueue.Commands;
using ReviewQueue.Series;

namespace ReviewQueue.Trees;

/// <summary>
/// A revision as a whole on one watched branch, from <see cref="RevisionCheck"/>'s patch-by-patch
/// verdicts: "applies" (every patch, in order), "already-present" (every patch), "partly-present"
/// (some in, the rest apply), "conflicts", "malformed", or "unknown" (no repository or branch yet).
/// </summary>
public sealed record RevisionApplies(string Tree, string Branch, string? Head, string Result, IReadOnlyList<string> Problems)
{
    public static IReadOnlyList<RevisionApplies> Of(RevisionCheckReport report)
    {
        if (report.Patches.Count == 0)
            return [];
        var result = new List<RevisionApplies>();
        for (int b = 0; b < report.Patches[0].Branches.Count; b++)
        {
            var verdicts = report.Patches.Select(p => (p.Index, Verdict: p.Branches[b])).ToList();
            var first = verdicts[0].Verdict;
            var statuses = verdicts.Select(v => v.Verdict.Status).ToHashSet();
            string status = statuses.Count == 1 ? statuses.Single()
                : statuses.Contains("unknown") ? "unknown"
                : statuses.Contains("malformed") ? "malformed"
                : statuses.Contains("conflicts") ? "conflicts"
                : "partly-present";
            var problems = verdicts.Where(v => v.Verdict.Status is not "applies")
                .SelectMany(v => v.Verdict.Problems.Count == 0 ? [$"patch {v.Index}: {v.Verdict.Status}"] : v.Verdict.Problems.Select(p => $"patch {v.Index}: {p}"))
                .ToList();
            result.Add(new RevisionApplies(first.Tree, first.Branch, first.Head, status, problems));
        }
        return result;
    }

    /// <summary>What `show --json` and /api/series/ID give for a stored topic: its JSON with "applies" and "base" added.</summary>
    public static async Task<JsonObject> ShowJsonAsync(string data, RevisionCheck check, CancellationToken cancellationToken)
    {
        var node = JsonNode.Parse(data)!.AsObject();
        await AddToAsync(node, TopicView.Read(data), check, cancellationToken);
        return node;
    }

    /// <summary>
    /// Adds "applies" and "base" to each revision of a topic's JSON (show --json): every revision is
    /// checked now against every configured tree, in memory (an empty list when no tree is configured);
    /// a superseded revision says whether it would still apply, which tells a reviewer what changed.
    /// </summary>
    static async Task AddToAsync(JsonObject topicJson, TopicView topic, RevisionCheck check, CancellationToken cancellationToken)
    {
        var revisions = topicJson["revisions"]!.AsArray();
        for (int i = 0; i < revisions.Count; i++)
        {
            var json = revisions[i]!.AsObject();
            try
            {
                var report = await check.CheckAsync(topic, topic.Revisions[i], cancellationToken);
                json["applies"] = JsonSerializer.SerializeToNode(Of(report), JsonOutput.Options);
                json["base"] = JsonSerializer.SerializeToNode(report.Bases, JsonOutput.Options);
            }
            catch (PatchCheck.NotFound e)
            {
                json["applies"] = new JsonArray();
                json["base"] = new JsonArray();
                json["check_problem"] = e.Message;
            }
        }
    }
}
