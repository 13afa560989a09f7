using ReviewQueue.Core.Ingest;

namespace ReviewQueue.TestSupport;

/// <summary>
/// An mbox split by git mailsplit (the oracle) and by MboxReader, message by message. git is asked for mboxrd
/// unescaping and CRs kept (`--mboxrd --keep-cr`, as ReviewQueue reads), with `-b` for a file that holds one bare
/// mail; each file git writes starts with its From line, which ReviewQueue does not keep, so it is left out.
/// </summary>
public static class MailsplitOracle
{
    public sealed record Split(IReadOnlyList<byte[]> Git, IReadOnlyList<byte[]> Ours)
    {
        /// <summary>Where the two differ, one line each ("#3: git 120 bytes, ours 118"; a count that differs too).</summary>
        public IReadOnlyList<string> Differences()
        {
            var differences = new List<string>();
            if (Git.Count != Ours.Count)
                differences.Add($"git split {Git.Count} messages, ours {Ours.Count}");
            for (int i = 0; i < Math.Min(Git.Count, Ours.Count); i++)
                if (!Git[i].AsSpan().SequenceEqual(Ours[i]))
                    differences.Add($"#{i + 1}: git {Git[i].Length} bytes, ours {Ours[i].Length}");
            return differences;
        }
    }

    public static Split Of(string mbox)
    {
        using var dir = new TempDir("rq-mailsplit");
        bool bare = false;
        var r = Run.Program("git", ["mailsplit", "--mboxrd", "--keep-cr", "-o" + dir.Path, mbox]);
        if (r.ExitCode != 0 && r.Stderr.Contains("corrupt mailbox"))
        {
            bare = true;
            foreach (var f in Directory.GetFiles(dir.Path))
                File.Delete(f);
            r = Run.Program("git", ["mailsplit", "--mboxrd", "--keep-cr", "-b", "-o" + dir.Path, mbox]);
        }
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"git mailsplit {mbox} failed ({r.ExitCode}): {r.Stderr}");
        var git = Directory.GetFiles(dir.Path).Order(StringComparer.Ordinal)
            .Select(f => File.ReadAllBytes(f))
            .Select(b => bare ? b : b.AsSpan(b.AsSpan().IndexOf((byte)'\n') is int nl && nl >= 0 ? nl + 1 : b.Length).ToArray())
            .ToList();
        using var stream = File.OpenRead(mbox);
        var ours = new MboxReader(stream, mbox).Read().Select(m => m.Bytes).ToList();
        return new Split(git, ours);
    }
}
