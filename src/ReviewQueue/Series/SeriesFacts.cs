using System.Text.Json;
using ReviewQueue.Core.Series;
using ReviewQueue.Storage;

namespace ReviewQueue.Series;

/// <summary>
/// The ledger facts one mail gives: "posted" for a patch or cover letter, "replied" for an answer
/// (both carry the whole <see cref="SeriesMail"/>, from which topics are assembled), plus one event
/// per trailer, NAK, "Applied" note and withdrawal so the ledger reads as a history.
/// </summary>
public static class SeriesFacts
{
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    // Every mail's fact is written once and read back on every rebuild: generated code, not reflection.
    public static string Serialize(SeriesMail mail) => JsonSerializer.Serialize(mail, SeriesFactsJson.Default.SeriesMail);

    /// <summary>A fact as stored (UTF-8), without making a string of it first.</summary>
    public static SeriesMail Deserialize(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, SeriesFactsJson.Default.SeriesMail) ?? throw new InvalidDataException("empty series fact");

    public static IEnumerable<LedgerEvent> Of(SeriesMail m)
    {
        var target = m.InReplyTo ?? m.References.LastOrDefault() ?? "";
        bool posting = m.Kind is SeriesMailKind.Patch or SeriesMailKind.Cover;
        yield return new LedgerEvent(m.Date, posting ? LedgerEvent.Posted : LedgerEvent.Replied, m.MessageId, target, Serialize(m));
        foreach (var t in m.FollowupTrailers)
            yield return new LedgerEvent(m.Date, LedgerEvent.TrailerGiven, m.MessageId, $"{target}\n{t.Name}\n{t.Value}",
                JsonSerializer.Serialize(new { t.Name, t.Value, t.PersonName, t.Email, parent = target }, Json));
        if (m.Nak)
            yield return new LedgerEvent(m.Date, LedgerEvent.Nak, m.MessageId, target, JsonSerializer.Serialize(new { from = m.FromEmail }, Json));
        if (m.Applied is { } a)
            yield return new LedgerEvent(m.Date, LedgerEvent.Applied, m.MessageId, target, JsonSerializer.Serialize(a, Json));
        if (m.Withdraws)
            yield return new LedgerEvent(m.Date, LedgerEvent.Withdrawn, m.MessageId, target, JsonSerializer.Serialize(new { from = m.FromEmail }, Json));
    }
}

/// <summary>The JSON of a <see cref="SeriesMail"/> fact, generated at build time (snake_case, as stored since the first ledger).</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
[System.Text.Json.Serialization.JsonSerializable(typeof(SeriesMail))]
internal sealed partial class SeriesFactsJson : System.Text.Json.Serialization.JsonSerializerContext;
