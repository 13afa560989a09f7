namespace ReviewQueue.CorpusTests.Series;

/// <summary>
/// Tallies b4's and our am output patch by patch after git mailinfo: identical, or which parts differ, sorted into
/// kinds (an info field, the message text above the trailers, trailer order, a trailer only one side has, the diff).
/// </summary>
public sealed class AmComparison
{
    readonly Dictionary<string, int> threads = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> kinds = new(StringComparer.Ordinal);
    readonly List<string> details = [];

    public int Patches { get; private set; }
    public int Identical { get; private set; }
    /// <summary>Patches git am commits the same from both (see <see cref="Mailinfo.Committed"/>).</summary>
    public int SameCommit { get; private set; }
    public double IdenticalShare => Patches == 0 ? 0 : (double)Identical / Patches;
    public double SameCommitShare => Patches == 0 ? 0 : (double)SameCommit / Patches;
    /// <summary>Threads whose patches no topic of ours holds, and b4's patches missing from our revision.</summary>
    public int Unmatched { get; private set; }

    /// <param name="ours">The outcome is ours to answer for (we hold no topic for b4's patches), not b4's (no .mbx).</param>
    public void Thread(string outcome, string? root, bool ours = false)
    {
        threads[outcome] = threads.GetValueOrDefault(outcome) + 1;
        if (!outcome.StartsWith("compared", StringComparison.Ordinal))
            details.Add($"thread <{root}>: {outcome}");
        if (ours)
            Unmatched++;
    }

    public void Missing(string? root, string? id, string why)
    {
        Patches++;
        Unmatched++;
        Count("patch missing from ours");
        details.Add($"<{id}> (thread <{root}>): {why}");
    }

    /// <summary>Counts one patch; true when both sides are the same after git mailinfo.</summary>
    public bool Patch(string? id, Mailinfo b4, Mailinfo ours)
    {
        Patches++;
        if (b4.Committed() == ours.Committed())
            SameCommit++;
        if (b4 == ours)
        {
            Identical++;
            return true;
        }
        var found = new List<string>();
        var b4Info = b4.Info.Split('\n');
        var ourInfo = ours.Info.Split('\n');
        foreach (var line in b4Info.Except(ourInfo))
        {
            var field = line.Split(':')[0];
            found.Add($"info {field}");
            details.Add($"<{id}> info: b4 \"{line}\" ours \"{ourInfo.FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal))}\"");
        }
        if (b4.Message != ours.Message)
        {
            var (b4Body, b4Trailers) = Mailinfo.TrailerBlock(b4.Message);
            var (ourBody, ourTrailers) = Mailinfo.TrailerBlock(ours.Message);
            if (b4Body != ourBody)
            {
                found.Add("message text above the trailers");
                details.Add($"<{id}> message text: {FirstDifference(b4Body, ourBody)}");
            }
            var onlyB4 = b4Trailers.Except(ourTrailers).ToList();
            var onlyOurs = ourTrailers.Except(b4Trailers).ToList();
            foreach (var t in onlyB4)
                found.Add($"trailer only b4: {t.Split(':')[0]}");
            foreach (var t in onlyOurs)
                found.Add($"trailer only ours: {t.Split(':')[0]}");
            if (onlyB4.Count + onlyOurs.Count > 0)
                details.Add($"<{id}> trailers: b4 [{string.Join(" | ", b4Trailers)}] ours [{string.Join(" | ", ourTrailers)}]");
            else if (!b4Trailers.SequenceEqual(ourTrailers))
            {
                found.Add("trailer order");
                details.Add($"<{id}> trailer order: b4 [{string.Join(" | ", b4Trailers)}] ours [{string.Join(" | ", ourTrailers)}]");
            }
            else if (b4Body == ourBody)
            {
                found.Add("message (blank lines)");
                details.Add($"<{id}> message: {FirstDifference(b4.Message, ours.Message)}");
            }
        }
        if (b4.Patch != ours.Patch)
        {
            found.Add("patch text");
            details.Add($"<{id}> patch: {FirstDifference(b4.Patch, ours.Patch)}");
        }
        foreach (var kind in found.Distinct())
            Count(kind);
        return false;
    }

    void Count(string kind) => kinds[kind] = kinds.GetValueOrDefault(kind) + 1;

    public void Report(Action<string> write)
    {
        write($"threads: {string.Join(", ", threads.OrderByDescending(t => t.Value).Select(t => $"{t.Value} {t.Key}"))}");
        write($"patches compared {Patches}, identical after git mailinfo {Identical} ({IdenticalShare:P1}), the same commit after git am {SameCommit} ({SameCommitShare:P1})");
        foreach (var (kind, n) in kinds.OrderByDescending(k => k.Value).ThenBy(k => k.Key, StringComparer.Ordinal))
            write($"  {n,4} {kind}");
        foreach (var d in details)
            write(d);
    }

    /// <summary>The first line where two texts part, with its number, as "b4 … | ours …".</summary>
    static string FirstDifference(string b4, string ours)
    {
        var a = b4.Split('\n');
        var b = ours.Split('\n');
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
            i++;
        string At(string[] lines) => i < lines.Length ? $"\"{Clip(lines[i])}\"" : "(end)";
        return $"line {i + 1}: b4 {At(a)} | ours {At(b)}";
    }

    static string Clip(string s) => s.Length > 120 ? s[..120] + "…" : s;
}
