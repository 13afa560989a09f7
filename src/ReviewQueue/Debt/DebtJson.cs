using System.Text.Json;
using ReviewQueue.Commands;

namespace ReviewQueue.Debt;

/// <summary>The JSON of debt: the CLI's naming (snake_case), compact when stored.</summary>
public static class DebtJson
{
    public static readonly JsonSerializerOptions Compact = new(JsonOutput.Options) { WriteIndented = false };

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Compact) ?? throw new InvalidDataException($"empty {typeof(T).Name}");
}
