using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Series;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Series;

/// <summary>
/// b4's own trailer tests: for each thread, the trailers b4 added to each patch of the revision it
/// picked (its -ref-defaults.txt output or .verify file, minus what the patch already had and minus
/// b4's own test Signed-off-by) must be the follow-up trailers we attach to that patch.
/// </summary>
public sealed class B4TrailerTests(ITestOutputHelper output)
{
    public static TheoryData<string> FollowupCases => new()
    {
        "bare-address", "htmljunk", "name-parens", "non-git-patch", "non-git-patch-with-comments", "nore",
        "partial-reroll", "single", "stripped-lines", "with-cover", "with-diffstat",
    };

    [Theory]
    [MemberData(nameof(FollowupCases))]
    public void FollowupTrailersEqualB4sForEachPatch(string name)
    {
        var mbox = Corpus.Require("b4", $"trailers-followup-{name}.mbox");
        var reference = Corpus.Require("b4", $"trailers-followup-{name}-ref-defaults.txt");
        var ours = OursByMessageId(mbox);
        var expected = CorpusMail.Read(reference).Where(m => m.MessageId is not null).ToList();
        Assert.NotEmpty(expected);
        foreach (var patch in expected)
        {
            var original = CorpusMail.Read(mbox).First(m => m.MessageId == patch.MessageId && m.HasDiff);
            var want = Added(patch.Trailers, original.Trailers);
            var got = ours.GetValueOrDefault(patch.MessageId!, []);
            output.WriteLine($"{name} <{patch.MessageId}>: b4 {string.Join(" | ", want)}; ours {string.Join(" | ", got)}");
            Assert.Equal(want.Order(), got.Order());
        }
    }

    [Theory]
    [InlineData("trailers-thread-with-followups")]
    [InlineData("trailers-thread-with-cover-followup")]
    public void WholeThreadsMatchB4sVerifyFiles(string name)
    {
        var mbox = Corpus.Require("b4", $"{name}.mbox");
        var verify = File.ReadAllText(Corpus.Require("b4", $"{name}.verify"));
        var topic = Assert.Single(CorpusMail.Build(CorpusMail.Series(mbox)));
        // git log order: the last patch first.
        var blocks = verify.Split("\n---\n", StringSplitOptions.RemoveEmptyEntries).Reverse().ToArray();
        var patches = topic.Current.Patches;
        Assert.Equal(blocks.Length, patches.Count);
        var originals = CorpusMail.Read(mbox).Where(m => m.HasDiff).ToDictionary(m => m.MessageId!);
        for (int i = 0; i < blocks.Length; i++)
        {
            var verified = TrailerReader.FromCommitMessage(blocks[i].TrimEnd() + "\n");
            var want = Added(verified, originals[patches[i].MessageId].Trailers);
            var got = Followups(patches[i]);
            output.WriteLine($"{name} {i + 1}: b4 {string.Join(" | ", want)}; ours {string.Join(" | ", got)}");
            Assert.Equal(want.Order(), got.Order());
        }
    }

    static Dictionary<string, List<string>> OursByMessageId(string mbox)
    {
        var result = new Dictionary<string, List<string>>();
        foreach (var topic in CorpusMail.Build(CorpusMail.Series(mbox)))
            foreach (var p in topic.Current.Patches)
                result[p.MessageId] = Followups(p);
        return result;
    }

    /// <summary>What we would add: follow-ups (not already in the commit message) whose sender matched.</summary>
    static List<string> Followups(SeriesPatch p) =>
        p.Trailers.Where(t => t.AppliesVia != TrailerVia.Carried && t.IdentityOk).Select(t => Norm(t.Name, t.Value)).ToList();

    static List<string> Added(IReadOnlyList<Trailer> after, IReadOnlyList<Trailer> before)
    {
        var had = before.Select(t => Norm(t.Name, t.Value)).ToList();
        var added = new List<string>();
        foreach (var t in after)
        {
            var key = Norm(t.Name, t.Value);
            if (had.Remove(key))
                continue;
            if (t.Email == "test-override@example.com")
                continue; // b4's test configuration signs off as this user
            added.Add(key);
        }
        return added;
    }

    static string Norm(string name, string value) => $"{TrailerReader.Canonical(name)}: {string.Join(' ', value.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))}";
}
