using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReviewQueue.Series;

/// <summary>
/// Reads each distinct JSON string once and hands out that one instance for every equal string after it.
/// A rebuild holds every series fact of the ledger at once, and most of their strings repeat: a thread's
/// Message-IDs in each reply's References, senders' names and addresses, trailer givers, file paths.
/// Sharing them keeps a large ledger's rebuild to a fraction of the memory. Safe on several threads.
/// Writing is the default converter's.
/// </summary>
public sealed class SharedStrings : JsonConverter<string>
{
    /// <summary>Longer strings (titles of long subjects, odd values) are read as usual: few, and seldom repeated.</summary>
    const int Longest = 200;

    readonly ConcurrentDictionary<string, string> strings = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public SharedStrings() => lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>How many distinct strings are held.</summary>
    public int Count => strings.Count;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // Unescaped, a string has at most as many chars as its JSON has bytes.
        long bytes = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (reader.TokenType != JsonTokenType.String || bytes > Longest)
            return reader.GetString(); // as the default converter: a non-string token throws there
        Span<char> chars = stackalloc char[Longest];
        var value = chars[..reader.CopyString(chars)];
        if (lookup.TryGetValue(value, out var shared))
            return shared;
        var read = new string(value);
        return strings.GetOrAdd(read, read);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
