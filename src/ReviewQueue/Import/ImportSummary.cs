using System.Text.Json.Serialization;

namespace ReviewQueue.Import;

/// <summary>What an import did: read = new + duplicate + rejected. Removed messages (taken down from a
/// public-inbox archive) are not read and not in any of those.</summary>
public sealed record ImportSummary(
    [property: JsonPropertyName("read")] int Read,
    [property: JsonPropertyName("new")] int New,
    [property: JsonPropertyName("duplicate")] int Duplicate,
    [property: JsonPropertyName("rejected")] int Rejected,
    [property: JsonPropertyName("elapsed_seconds")] double ElapsedSeconds,
    [property: JsonPropertyName("sources")] IReadOnlyList<SourceSummary> Sources)
{
    public double PerSecond => ElapsedSeconds > 0 ? Read / ElapsedSeconds : 0;

    [JsonPropertyName("removed")]
    public int Removed => Sources.Sum(s => s.Removed);

    /// <summary>Messages of public-inbox epochs an earlier import into this ledger read already, not read again.</summary>
    [JsonPropertyName("read_before")]
    public int ReadBefore => Sources.Sum(s => s.ReadBefore);

    /// <summary>The new mail's topics were left to the running service (`run`), which assembles them within seconds.</summary>
    [JsonPropertyName("topics_left_to_service")]
    public bool TopicsLeftToService { get; init; }
}

public sealed record SourceSummary(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("read")] int Read,
    [property: JsonPropertyName("rejected")] int Rejected,
    [property: JsonPropertyName("removed")] int Removed = 0,
    [property: JsonPropertyName("read_before")] int ReadBefore = 0);
