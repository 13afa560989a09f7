using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ReviewQueue.Json;

/// <summary>
/// Writes one value as a single line of JSON with a <see cref="Utf8JsonWriter"/> and returns it as a
/// string: what JsonSerializer does for a stored record, without the serializer's metadata for every
/// record type (made and JIT-compiled at run time in each fresh process, as ReadyToRun cannot hold it).
/// Each thread keeps its own writer and buffer, reused from one record to the next.
/// </summary>
public sealed class JsonLine
{
    /// <summary>Escapes as JsonSerializer does by default (&lt;, &gt;, &amp;, ' and non-ASCII as \u escapes).</summary>
    public static readonly JsonLine Default = new(null);

    /// <summary>Escapes only what JSON requires (<see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>), as inspect prints.</summary>
    public static readonly JsonLine Relaxed = new(JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    /// <summary>A buffer grown past this by one large record is not kept for the next.</summary>
    const int KeptCapacity = 1 << 20;

    readonly JavaScriptEncoder? encoder;
    readonly JsonWriterOptions options;

    JsonLine(JavaScriptEncoder? encoder)
    {
        this.encoder = encoder;
        options = new JsonWriterOptions { Encoder = encoder };
    }

    [ThreadStatic]
    static ArrayBufferWriter<byte>? buffer;

    [ThreadStatic]
    static Utf8JsonWriter? defaultWriter;

    [ThreadStatic]
    static Utf8JsonWriter? relaxedWriter;

    /// <summary>The JSON <paramref name="write"/> gives <paramref name="value"/>; it must not call Write itself (one buffer per thread).</summary>
    public string Write<T>(T value, Action<Utf8JsonWriter, T> write) where T : class
    {
        var bytes = buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        ref var kept = ref encoder is null ? ref defaultWriter : ref relaxedWriter;
        var writer = kept ??= new Utf8JsonWriter(bytes, options);
        try
        {
            writer.Reset(bytes);
            write(writer, value);
            writer.Flush();
            return Encoding.UTF8.GetString(bytes.WrittenSpan);
        }
        finally
        {
            bytes.ResetWrittenCount();
            if (bytes.Capacity > KeptCapacity)
            {
                buffer = null;
                defaultWriter = null;
                relaxedWriter = null;
            }
        }
    }
}
