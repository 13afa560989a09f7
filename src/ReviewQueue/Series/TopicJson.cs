using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ReviewQueue.Commands;

namespace ReviewQueue.Series;

/// <summary>
/// The stored JSON of a topic: the CLI's options (snake_case, indented, relaxed escaping) with
/// source-generated metadata, so a rebuild, which writes every topic, does not reflect over the
/// view types and emit accessors for them first. Byte for byte what the options alone write.
/// </summary>
public static class TopicJson
{
    public static readonly JsonSerializerOptions Options = new(JsonOutput.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(TopicJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static string Serialize(TopicView view) => JsonSerializer.Serialize(view, Options);

    public static TopicView Read(string data) => JsonSerializer.Deserialize<TopicView>(data, Options) ?? throw new InvalidDataException("empty topic");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TopicView))]
internal sealed partial class TopicJsonContext : JsonSerializerContext;
