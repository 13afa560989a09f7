using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Import;

/// <summary>
/// Every mbox of the corpus (the hwmon half-year, git's, b4's and Patchwork's test mboxes) split by MboxReader and by
/// git mailsplit --mboxrd --keep-cr: the same number of messages, each the same bytes once its escapes are undone.
/// </summary>
public sealed class CorpusMailsplitTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryCorpusMboxSplitsAsGitMailsplitSplitsIt()
    {
        var root = Corpus.Require();
        var mboxes = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is var name && (name.Contains(".mbox") || name.EndsWith(".mboxrd", StringComparison.Ordinal)))
            .Where(f => !f.EndsWith(".gz", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        int messages = 0;
        var differences = new List<string>();

        foreach (var mbox in mboxes)
        {
            var split = MailsplitOracle.Of(mbox);
            messages += split.Git.Count;
            differences.AddRange(split.Differences().Select(d => $"{Path.GetRelativePath(root, mbox)}: {d}"));
        }

        output.WriteLine($"{mboxes.Count} mboxes, {messages} messages as git splits them, {differences.Count} differences");
        Assert.True(mboxes.Count > 100, $"{mboxes.Count} mboxes found");
        Assert.Empty(differences);
    }
}
