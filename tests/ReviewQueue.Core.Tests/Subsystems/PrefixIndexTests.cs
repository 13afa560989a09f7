using ReviewQueue.Core.Subsystems;

namespace ReviewQueue.Core.Tests.Subsystems;

public sealed class PrefixIndexTests
{
    [Fact]
    public void APathGetsExactlyTheItemsWhosePrefixItStartsWith()
    {
        // Prefixes and paths over a small alphabet, so that prefixes nest, tie and miss in every way.
        var random = new Random(6);
        string Word(int max) => new([.. Enumerable.Range(0, random.Next(max + 1)).Select(_ => "ab/"[random.Next(3)])]);
        var prefixes = Enumerable.Range(0, 300).Select(_ => Word(6)).ToList();
        var index = new PrefixIndex<int>();
        for (int i = 0; i < prefixes.Count; i++)
            index.Add(prefixes[i], i);
        index.Seal();
        for (int n = 0; n < 3000; n++)
        {
            var path = Word(9);
            var found = new List<int>();
            index.Collect(path, found);
            var expected = Enumerable.Range(0, prefixes.Count).Where(i => path.StartsWith(prefixes[i], StringComparison.Ordinal));
            Assert.Equal(expected.Order(), found.Order());
        }
    }

    [Fact]
    public void AnEmptyIndexFindsNothing()
    {
        var index = new PrefixIndex<string>();
        index.Seal();
        var found = new List<string>();
        index.Collect("drivers/net/core.c", found);
        Assert.Empty(found);
    }
}
