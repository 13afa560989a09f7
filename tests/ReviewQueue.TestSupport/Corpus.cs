using Xunit;

namespace ReviewQueue.TestSupport;

/// <summary>
/// Finds ../shared/corpus (or $REVIEWQUEUE_CORPUS). Tests that need it call <see cref="Require"/>,
/// which skips the test with a visible reason when the corpus is absent.
/// </summary>
public static class Corpus
{
    public static string? Root { get; } = Find();

    public static string Require(params string[] relative)
    {
        if (Root is null)
            Assert.Skip("corpus not found: set REVIEWQUEUE_CORPUS or place it at ../shared/corpus beside the repository");
        var path = Path.Combine([Root, .. relative]);
        if (!File.Exists(path) && !Directory.Exists(path))
            Assert.Skip($"corpus file missing: {path}");
        return path;
    }

    static string? Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable("REVIEWQUEUE_CORPUS");
        if (!string.IsNullOrEmpty(fromEnv))
            return Directory.Exists(fromEnv) ? fromEnv : null;
        var candidate = Path.Combine(RepoPaths.Root, "..", "shared", "corpus");
        return Directory.Exists(candidate) ? Path.GetFullPath(candidate) : null;
    }
}
