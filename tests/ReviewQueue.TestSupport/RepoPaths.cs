namespace ReviewQueue.TestSupport;

/// <summary>Where the repository's own files are, found from the test binary upwards.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ReviewQueue.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ReviewQueue.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Of(params string[] relative) => Path.Combine([Root, .. relative]);
}
