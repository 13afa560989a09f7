namespace ReviewQueue.Configuration;

/// <summary>"TreeSync": how often `run` syncs the watched trees, and how far back a first sync looks.</summary>
public sealed class TreeSyncOptions : ISectionOptions
{
    public static string Section => "TreeSync";

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A branch never synced before is indexed this many commits deep from its head.</summary>
    public int FirstSyncCommits { get; set; } = 10_000;

    /// <summary>Base detection looks this many commits deep on each watched branch.</summary>
    public int BaseSearchCommits { get; set; } = 2_000;

    /// <summary>
    /// A fetch fails when the remote is not connected to within this time, or then says nothing for this long: a server
    /// that accepts and stalls would otherwise hold `trees sync`, and run's syncs of every tree, for ever.
    /// </summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<string> Validate()
    {
        if (Interval < TimeSpan.FromSeconds(10))
            yield return $"TreeSync:Interval must be at least 00:00:10 (is {Interval})";
        if (FirstSyncCommits < 1)
            yield return $"TreeSync:FirstSyncCommits must be at least 1 (is {FirstSyncCommits})";
        if (BaseSearchCommits < 1)
            yield return $"TreeSync:BaseSearchCommits must be at least 1 (is {BaseSearchCommits})";
        // libgit2 takes milliseconds as an int (at most 24.8 days), and 0 as no timeout at all.
        if (FetchTimeout < TimeSpan.FromSeconds(1) || FetchTimeout > TimeSpan.FromDays(24))
            yield return $"TreeSync:FetchTimeout must be from 00:00:01 to 24.00:00:00 (is {FetchTimeout})";
    }
}
