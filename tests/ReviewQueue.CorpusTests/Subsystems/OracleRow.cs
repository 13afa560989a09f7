using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReviewQueue.CorpusTests.Subsystems;

/// <summary>One line of oracle-get_maintainer-sample.jsonl: what get_maintainer.pl printed for one path.</summary>
public sealed record OracleRow(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("sections")] List<string> Sections,
    [property: JsonPropertyName("recipients")] List<string> Recipients,
    [property: JsonPropertyName("stderr")] string? Stderr)
{
    public static List<OracleRow> Load(string file) =>
        [.. File.ReadLines(file).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<OracleRow>(l)!)];
}
