using System.Text.Json;
using ReviewQueue.Core.Series;
using ReviewQueue.Json;
using ReviewQueue.Storage;

namespace ReviewQueue.Series;

/// <summary>
/// The ledger facts one mail gives: "posted" for a patch or cover letter, "replied" for an answer
/// (both carry the whole <see cref="SeriesMail"/>, from which topics are assembled), plus one event
/// per trailer, NAK, "Applied" note and withdrawal so the ledger reads as a history.
/// </summary>
public static class SeriesFacts
{
    // Every mail's fact is written once by hand (no serializer metadata made at run time for it) and
    // read back on every rebuild that needs it with generated code.
    public static string Serialize(SeriesMail mail) => JsonLine.Default.Write(mail, SeriesFactWriter.Write);

    /// <summary>A fact as stored (UTF-8), without making a string of it first.</summary>
    public static SeriesMail Deserialize(ReadOnlySpan<byte> utf8) => Deserialize(utf8, SeriesFactsJson.Default);

    static SeriesMail Deserialize(ReadOnlySpan<byte> utf8, SeriesFactsJson json) =>
        JsonSerializer.Deserialize(utf8, json.SeriesMail) ?? throw new InvalidDataException("empty series fact");

    /// <summary>
    /// A reader for one rebuild, which holds every fact at once: equal strings of the facts it reads share one
    /// instance (<see cref="SharedStrings"/>). Safe on several threads; dropped with the rebuild.
    /// </summary>
    public static Func<ReadOnlyMemory<byte>, SeriesMail> SharingReader()
    {
        var options = new JsonSerializerOptions(SeriesFactsJson.Default.Options) { TypeInfoResolver = null };
        options.Converters.Add(new SharedStrings());
        var json = new SeriesFactsJson(options);
        return utf8 => Deserialize(utf8.Span, json);
    }

    /// <summary>The key (kind, Message-ID, target) of the posted or replied fact a mail gives: one fact per key.</summary>
    public static (string Kind, string MessageId, string Target) Key(SeriesMail m) =>
        (m.Kind is SeriesMailKind.Patch or SeriesMailKind.Cover ? LedgerEvent.Posted : LedgerEvent.Replied, m.MessageId, Target(m));

    static string Target(SeriesMail m) => m.InReplyTo ?? m.References.LastOrDefault() ?? "";

    public static IEnumerable<LedgerEvent> Of(SeriesMail m)
    {
        var (kind, _, target) = Key(m);
        yield return new LedgerEvent(m.Date, kind, m.MessageId, target, Serialize(m));
        foreach (var t in m.FollowupTrailers)
            yield return new LedgerEvent(m.Date, LedgerEvent.TrailerGiven, m.MessageId, $"{target}\n{t.Name}\n{t.Value}",
                JsonLine.Default.Write(new TrailerFact(t.Name, t.Value, t.PersonName, t.Email, target), SeriesFactWriter.Write));
        if (m.Nak)
            yield return new LedgerEvent(m.Date, LedgerEvent.Nak, m.MessageId, target, JsonLine.Default.Write(new SenderFact(m.FromEmail), SeriesFactWriter.Write));
        if (m.Applied is { } a)
            yield return new LedgerEvent(m.Date, LedgerEvent.Applied, m.MessageId, target, JsonLine.Default.Write(a, SeriesFactWriter.Write));
        if (m.Withdraws)
            yield return new LedgerEvent(m.Date, LedgerEvent.Withdrawn, m.MessageId, target, JsonLine.Default.Write(new SenderFact(m.FromEmail), SeriesFactWriter.Write));
    }
}

/// <summary>A "trailer" event's data: who gave which trailer, in answer to which message.</summary>
public sealed record TrailerFact(string Name, string Value, string? PersonName, string? Email, string Parent);

/// <summary>A "nak" or "withdrawn" event's data: who said it.</summary>
public sealed record SenderFact(string From);

/// <summary>
/// The JSON of the facts from mail, generated at build time (snake_case, as stored since the first ledger):
/// reads them back; <see cref="SeriesFactWriter"/> writes the same bytes.
/// </summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
[System.Text.Json.Serialization.JsonSerializable(typeof(SeriesMail))]
[System.Text.Json.Serialization.JsonSerializable(typeof(TrailerFact))]
[System.Text.Json.Serialization.JsonSerializable(typeof(SenderFact))]
[System.Text.Json.Serialization.JsonSerializable(typeof(AppliedNote))]
internal sealed partial class SeriesFactsJson : System.Text.Json.Serialization.JsonSerializerContext;
