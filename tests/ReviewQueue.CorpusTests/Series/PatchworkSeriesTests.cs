using ReviewQueue.Core.Series;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Series;

/// <summary>
/// Patchwork's own series fixtures (patchwork/tests/series) with the grouping its test_series.py
/// expects: the patches of each posting (series), in date order. Patchwork never links revisions;
/// we also check that revisions of one topic land in one topic.
/// </summary>
public sealed class PatchworkSeriesTests(ITestOutputHelper output)
{
    // file → patches per posting (Patchwork's assertSerialized counts), covers, topics we expect.
    public static TheoryData<string, int[], int, int> Cases => new()
    {
        { "base-single-patch.mbox", [1], 0, 1 },
        { "base-cover-letter.mbox", [2], 1, 1 },
        { "base-no-cover-letter.mbox", [2], 0, 1 },
        { "base-deep-threaded.mbox", [2], 1, 1 },
        { "base-out-of-order.mbox", [2], 1, 1 },
        { "base-different-versions.mbox", [4], 1, 1 },
        { "bugs-multiple-references.mbox", [4], 1, 1 },
        { "base-no-references.mbox", [2], 0, 1 },
        { "base-no-references-no-cover.mbox", [2], 1, 1 },
        { "revision-basic.mbox", [2, 2], 2, 1 },
        { "revision-threaded-to-single-patch.mbox", [1, 1], 0, 1 },
        { "revision-threaded-to-cover.mbox", [2, 2], 2, 1 },
        { "revision-threaded-to-patch.mbox", [2, 2], 2, 1 },
        { "revision-out-of-order.mbox", [2, 2], 2, 1 },
        { "revision-no-cover-letter.mbox", [2, 2], 1, 1 },
        { "revision-unlabeled.mbox", [2, 2], 2, 1 },
        { "revision-unlabeled-noreferences.mbox", [2, 2], 0, 1 },
        { "bugs-unnumbered.mbox", [1, 1], 1, 2 },
        { "bugs-nocover-noversion.mbox", [2, 2], 0, 1 },
        { "bugs-nocover.mbox", [2, 2], 0, 1 },
        { "bugs-spamming.mbox", [1, 1, 1], 0, 1 },
        { "bugs-mixed-versions.mbox", [1, 1], 0, 2 },
        { "base-incomplete.mbox", [1], 1, 1 },
        { "base-extra-patches.mbox", [3], 1, 1 },
        { "mercurial-cover-letter.mbox", [2], 1, 1 },
        { "mercurial-no-cover-letter.mbox", [2], 0, 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SeriesAreGroupedAsPatchworksTestsExpect(string file, int[] patchesPerPosting, int covers, int topics)
    {
        var path = Corpus.Require("patchwork", "series", file);
        var built = CorpusMail.Build(CorpusMail.Series(path));
        var revisions = built.SelectMany(t => t.Revisions).OrderBy(r => r.Posted).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        foreach (var t in built)
            foreach (var r in t.Revisions)
                output.WriteLine($"{file}: topic {t.Id} {r.VersionLabel} cover={r.CoverMessageId is not null} patches=[{string.Join(",", r.Patches.Select(p => p.Index))}] linked={r.LinkedBy} '{r.Title}'");
        // Only patches sent in that posting count (not ones taken from an earlier revision).
        Assert.Equal(patchesPerPosting, revisions.Select(r => r.Patches.Count(p => p.TakenFromRevision is null)));
        Assert.Equal(covers, revisions.Count(r => r.CoverMessageId is not null));
        Assert.Equal(topics, built.Count);
    }

    [Fact]
    public void BaseCoverLetterIsOneCompleteSeries()
    {
        var path = Corpus.Require("patchwork", "series", "base-cover-letter.mbox");
        var r = Assert.Single(Assert.Single(CorpusMail.Build(CorpusMail.Series(path))).Revisions);
        Assert.True(r.Complete);
        Assert.Equal("A sample series", r.Title);
    }

    [Fact]
    public void AnIncompleteSeriesSaysWhatIsMissing()
    {
        var path = Corpus.Require("patchwork", "series", "base-incomplete.mbox");
        var r = Assert.Single(Assert.Single(CorpusMail.Build(CorpusMail.Series(path))).Revisions);
        Assert.False(r.Complete);
        Assert.Equal([2], r.Missing);
    }
}
