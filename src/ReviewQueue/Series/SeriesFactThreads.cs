using System.Text.Json;
using ReviewQueue.Core.Series;

namespace ReviewQueue.Series;

/// <summary>
/// What the first pass of a grouped rebuild (<see cref="SeriesBatches"/>) reads of a posted or replied fact: its
/// Message-ID, the ids it names and whether it is a posting, straight from the stored JSON, without making the
/// whole <see cref="SeriesMail"/> (its trailers, files and titles) only to drop it.
/// </summary>
public static class SeriesFactThreads
{
    public static void AddTo(ThreadJoin join, ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new InvalidDataException("a series fact is not a JSON object");
        string? id = null, inReplyTo = null;
        var references = new List<string>();
        var kind = SeriesMailKind.Other;
        bool subjectIsReply = false, hasDiff = false, trailers = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("message_id"u8))
                id = reader.GetString();
            else if (name.SequenceEqual("in_reply_to"u8))
                inReplyTo = reader.GetString();
            else if (name.SequenceEqual("references"u8) && reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    references.Add(reader.GetString() ?? throw new InvalidDataException("a null reference in a series fact"));
            }
            else if (name.SequenceEqual("kind"u8))
                kind = (SeriesMailKind)reader.GetInt32();
            else if (name.SequenceEqual("subject_is_reply"u8))
                subjectIsReply = reader.GetBoolean();
            else if (name.SequenceEqual("has_diff"u8))
                hasDiff = reader.GetBoolean();
            else if (name.SequenceEqual("followup_trailers"u8) && reader.TokenType == JsonTokenType.StartArray)
            {
                reader.Read();
                trailers = reader.TokenType != JsonTokenType.EndArray;
                if (trailers)
                    while (reader.TokenType != JsonTokenType.EndArray || reader.CurrentDepth != 1)
                    {
                        reader.Skip();
                        reader.Read();
                    }
            }
            else
                reader.Skip();
        }
        join.Add(id ?? throw new InvalidDataException("a series fact without message_id"), inReplyTo, references,
            ThreadJoin.IsPosting(kind, subjectIsReply, hasDiff, inReplyTo is not null, trailers));
    }
}
