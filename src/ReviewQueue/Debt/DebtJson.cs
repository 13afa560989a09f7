using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ReviewQueue.Commands;
using ReviewQueue.Core.Review;

namespace ReviewQueue.Debt;

/// <summary>
/// The JSON of debt: the CLI's options (snake_case, indented, relaxed escaping) with source-generated
/// metadata, so a one-shot `backlog --json` does not spend its time reflecting over types. The CLI and
/// the API both print through <see cref="Serialize{T}"/>.
/// </summary>
public static class DebtJson
{
    public static readonly JsonSerializerOptions Options = new(JsonOutput.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(DebtJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Compact) ?? throw new InvalidDataException($"empty {typeof(T).Name}");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BacklogView))]
[JsonSerializable(typeof(PeopleReport))]
[JsonSerializable(typeof(SubsystemDebt))]
[JsonSerializable(typeof(WaitingSeries))]
[JsonSerializable(typeof(ReviewBalance))]
[JsonSerializable(typeof(IReadOnlyList<DebtDay>))]
internal sealed partial class DebtJsonContext : JsonSerializerContext;
