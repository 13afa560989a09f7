using System.Text.Json;

namespace ReviewQueue.Json;

/// <summary>
/// The shapes the hand-written record writers share, each written as JsonSerializer writes it: a named
/// object or null, a named list of objects or null, a named list of strings or null, a list of numbers or null, a number or null.
/// </summary>
public static class JsonFields
{
    /// <summary>"name": {fields} or "name": null.</summary>
    public static void Object<T>(Utf8JsonWriter w, ReadOnlySpan<byte> name, T? value, Action<Utf8JsonWriter, T> fields) where T : class
    {
        w.WritePropertyName(name);
        Object(w, value, fields);
    }

    /// <summary>{fields}, or null.</summary>
    public static void Object<T>(Utf8JsonWriter w, T? value, Action<Utf8JsonWriter, T> fields) where T : class
    {
        if (value is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        fields(w, value);
        w.WriteEndObject();
    }

    /// <summary>"name": [{fields}, …] or "name": null.</summary>
    public static void Objects<T>(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<T>? values, Action<Utf8JsonWriter, T> fields) where T : class
    {
        w.WritePropertyName(name);
        Objects(w, values, fields);
    }

    /// <summary>[{fields}, …], or null.</summary>
    public static void Objects<T>(Utf8JsonWriter w, IReadOnlyList<T>? values, Action<Utf8JsonWriter, T> fields) where T : class
    {
        if (values is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartArray();
        foreach (var v in values)
            Object(w, v, fields);
        w.WriteEndArray();
    }

    /// <summary>"name": ["…", …] or "name": null (a record built by hand may hold null where the reader gives []).</summary>
    public static void Strings(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<string>? values)
    {
        w.WritePropertyName(name);
        if (values is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartArray();
        foreach (var v in values)
            w.WriteStringValue(v);
        w.WriteEndArray();
    }

    /// <summary>"name": [n, …] or "name": null.</summary>
    public static void Numbers(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<int>? values)
    {
        w.WritePropertyName(name);
        if (values is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartArray();
        foreach (var v in values)
            w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    /// <summary>"name": n or "name": null.</summary>
    public static void Number(Utf8JsonWriter w, ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } n)
            w.WriteNumber(name, n);
        else
            w.WriteNull(name);
    }
}
