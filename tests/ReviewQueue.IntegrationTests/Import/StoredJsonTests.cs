using System.Text.Encodings.Web;
using System.Text.Json;
using ReviewQueue.Commands;
using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Series;
using ReviewQueue.Import;
using ReviewQueue.Series;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Import;

/// <summary>
/// The JSON the import stores (messages.parsed, events.data, rejected.reasons) is written by hand;
/// these hold it to the bytes JsonSerializer gave before, which stored ledgers already contain.
/// </summary>
public sealed class StoredJsonTests
{
    /// <summary>What inspect prints, on one line: the serializer's view of messages.parsed.</summary>
    static readonly JsonSerializerOptions RecordOptions = new(JsonOutput.Options) { WriteIndented = false };

    /// <summary>Odd text real mail carries: quotes, backslashes, controls, HTML-ish signs, non-ASCII, emoji, a lone surrogate.</summary>
    static readonly string[] Tricky =
    [
        "", "plain", "\"quoted\" and \\back\\slashed\\", "tab\there\r\nnew line\u0001\u001f\u007f", "<a href='x'>&amp;</a> +",
        "Jörg Müller — Łukasz Śliwiński", "佐藤 太郎", "emoji 🎉 and \u2028 \u2029 separators", "lone \ud800 surrogate", "\u00a0\u00ad\ufeff",
    ];

    static string? Odd(int i) => i % (Tricky.Length + 1) == Tricky.Length ? null : Tricky[i % (Tricky.Length + 1)];

    static string Odd0(int i) => Tricky[i % Tricky.Length];

    [Fact]
    public void RecordsWithOddTextAndNullFieldsAreWrittenAsTheSerializerWritesThem()
    {
        for (int i = 0; i <= Tricky.Length; i++)
        {
            var record = new MailRecord(Odd(i), Odd(i + 1),
                new SubjectRecord(Odd0(i), [Odd0(i + 2), "PATCH"], 3, i % 2 == 0 ? null : 1, 2, 7, true, false, Odd(i + 3), true, Odd0(i + 4), ["version"]),
                new PersonRecord(Odd(i + 5), Odd(i + 6)), i % 3 == 0 ? null : new PersonRecord(null, Odd(i)),
                i % 2 == 0 ? null : new DateTimeOffset(2024, 7, 1, 15, 32, 52, TimeSpan.FromHours(i % 4 - 2)),
                Odd(i + 7), [Odd0(i), Odd0(i + 1)], Odd(i + 2), Odd(i + 3), [Odd0(i + 4)],
                [new ChangeRecord(Odd(i), Odd(i + 1), "renamed", i % 2 == 0, Odd(i + 2), "100644", int.MaxValue, 0)],
                i % 4 == 0 ? null : new DiffStatRecord(1, -2, 3), Odd(i + 1),
                [new TrailerRecord(Odd0(i), Odd0(i + 1), Odd(i + 2), Odd(i + 3))], Odd(i + 4), Odd(i + 5),
                [new Prerequisite(Odd0(i), Odd0(i + 6))],
                i % 2 == 0 ? null : new PullRecord(Odd0(i), Odd(i + 1), Odd(i + 2), Odd(i + 3)),
                [new ProblemRecord(Odd0(i + 3), Odd0(i + 4))], Odd(i + 8));
            Assert.Equal(JsonSerializer.Serialize(record, RecordOptions), record.ToJson());
        }
        var empty = new MailRecord(null, null, null, null, null, null, null, [], null, null, [], [], null, null, [], null, null, [], null, []);
        Assert.Equal(JsonSerializer.Serialize(empty, RecordOptions), empty.ToJson());
    }

    [Fact]
    public void FactsWithOddTextAndNullFieldsAreWrittenAsTheSerializerWritesThem()
    {
        for (int i = 0; i <= Tricky.Length; i++)
        {
            var mail = new SeriesMail
            {
                MessageId = Odd0(i), InReplyTo = Odd(i + 1), References = [Odd0(i + 2), Odd0(i + 3)], FromName = Odd0(i + 4), FromEmail = Odd0(i + 5),
                AuthorName = Odd(i + 6), AuthorEmail = Odd(i + 7), Date = new DateTimeOffset(2024, 12, 31, 23, 59, 59, 999, TimeSpan.FromMinutes(330)),
                Kind = (SeriesMailKind)(i % 5), Title = Odd0(i + 8), SubjectIsReply = i % 2 == 0, Version = i, VersionInferred = i % 3 == 0,
                VersionMinor = i % 2 == 0 ? null : i, Index = i + 1, Total = 99, CountersInferred = false, Resend = true, Rfc = i % 2 == 1, StableTree = Odd(i + 3),
                HasDiff = true, HasDiffstat = i % 2 == 0, PatchId = Odd(i), Files = [Odd0(i + 9)], ChangeId = Odd(i + 1), BaseCommit = Odd(i + 2),
                CommitTrailers = [new Trailer("reviewed-by", Odd0(i), Odd(i + 3), Odd(i + 4))],
                FollowupTrailers = [new Trailer("Acked-by", Odd0(i + 1), Odd(i + 5), null), new Trailer(Odd0(i), "x", null, null)],
                Nak = true, Withdraws = true, IsFix = i % 2 == 0,
                Applied = i % 3 == 0 ? null : new AppliedNote(Odd(i), [new AppliedItem(i % 2 == 0 ? null : 1, 4, Odd0(i + 2), Odd(i + 3)), new AppliedItem(2, null, "t", null)], i % 4 == 1,
                    i % 5 == 1 ? [1, 2, 5] : null, i % 5 == 2 ? [3] : i % 5 == 3 ? [] : null),
            };
            Assert.Equal(JsonSerializer.Serialize(mail, SeriesFactsJson.Default.SeriesMail), SeriesFacts.Serialize(mail));
            // Every event the mail gives: trailer, NAK, applied and withdrawn facts too.
            foreach (var fact in SeriesFacts.Of(mail))
                Assert.Equal(Serialized(fact.Kind, fact.Data), fact.Data);
        }
    }

    /// <summary>The serializer's bytes for a stored fact, read back with its generated code.</summary>
    static string Serialized(string kind, string data) => kind switch
    {
        "posted" or "replied" => JsonSerializer.Serialize(JsonSerializer.Deserialize(data, SeriesFactsJson.Default.SeriesMail)!, SeriesFactsJson.Default.SeriesMail),
        "trailer" => JsonSerializer.Serialize(JsonSerializer.Deserialize(data, SeriesFactsJson.Default.TrailerFact)!, SeriesFactsJson.Default.TrailerFact),
        "nak" or "withdrawn" => JsonSerializer.Serialize(JsonSerializer.Deserialize(data, SeriesFactsJson.Default.SenderFact)!, SeriesFactsJson.Default.SenderFact),
        "applied" => JsonSerializer.Serialize(JsonSerializer.Deserialize(data, SeriesFactsJson.Default.AppliedNote)!, SeriesFactsJson.Default.AppliedNote),
        _ => throw new InvalidOperationException($"no fact kind {kind}"),
    };

    [Fact]
    public void TrailerSenderAndAppliedFactsAreWrittenAsTheSerializerWritesThem()
    {
        for (int i = 0; i <= Tricky.Length; i++)
        {
            var trailer = new TrailerFact(Odd0(i), Odd0(i + 1), Odd(i + 2), Odd(i + 3), Odd0(i + 4));
            Assert.Equal(JsonSerializer.Serialize(trailer, SeriesFactsJson.Default.TrailerFact), Json.JsonLine.Default.Write(trailer, SeriesFactWriter.Write));
            var sender = new SenderFact(Odd0(i));
            Assert.Equal(JsonSerializer.Serialize(sender, SeriesFactsJson.Default.SenderFact), Json.JsonLine.Default.Write(sender, SeriesFactWriter.Write));
            var applied = new AppliedNote(Odd(i), i % 2 == 0 ? [] : [new AppliedItem(i, null, Odd0(i + 1), Odd(i + 2))], i % 3 == 0,
                i % 4 == 1 ? [i, i + 1] : null, i % 4 == 2 ? [2] : null);
            Assert.Equal(JsonSerializer.Serialize(applied, SeriesFactsJson.Default.AppliedNote), Json.JsonLine.Default.Write(applied, SeriesFactWriter.Write));
        }
    }

    [Fact]
    public void AnAppliedFactStoredBeforeWholeSeriesReadsAsAListOrPlainNote()
    {
        // As ledgers held it before "whole_series" was written.
        var old = """{"message_id":"r@x","from_name":"Mia","from_email":"mia@example.org","date":"2026-01-05T10:00:00+00:00","kind":3,"title":"t","applied":{"tree":"hwmon-next","items":[{"index":1,"total":2,"title":"one","commit":"0123456789ab"}]}}"""u8;
        var mail = SeriesFacts.Deserialize(old);
        Assert.Equal("hwmon-next", mail.Applied?.Tree);
        Assert.False(mail.Applied!.WholeSeries);
        Assert.Equal("0123456789ab", Assert.Single(mail.Applied.Items).Commit);
        var note = JsonSerializer.Deserialize("""{"tree":null,"items":[]}""", SeriesFactsJson.Default.AppliedNote)!;
        Assert.False(note.WholeSeries);
    }

    [Fact]
    public void AnAppliedFactStoredBeforePatchNumbersReadsAsItDid()
    {
        // As ledgers held it before "only" and "except" were written: a plain note of the whole series.
        var old = """{"message_id":"r@x","from_name":"Mia","from_email":"mia@example.org","date":"2026-01-05T10:00:00+00:00","kind":3,"title":"t","applied":{"tree":"hwmon-next","items":[],"whole_series":true}}"""u8;
        var note = SeriesFacts.Deserialize(old).Applied!;
        Assert.Equal(("hwmon-next", true), (note.Tree, note.WholeSeries));
        Assert.Empty(note.Items);
        Assert.Null(note.Only);
        Assert.Null(note.Except);
        var named = JsonSerializer.Deserialize("""{"tree":null,"items":[],"whole_series":false,"only":[1,3],"except":null}""", SeriesFactsJson.Default.AppliedNote)!;
        Assert.Equal([1, 3], named.Only!);
        Assert.Equal("""{"tree":null,"items":[],"whole_series":false,"only":[1,3],"except":null,"in_passing":false}""", Json.JsonLine.Default.Write(named, SeriesFactWriter.Write));
        Assert.False(note.InPassing); // stored before the field: a note that opened its line
        var passing = named with { InPassing = true };
        Assert.Equal(JsonSerializer.Serialize(passing, SeriesFactsJson.Default.AppliedNote), Json.JsonLine.Default.Write(passing, SeriesFactWriter.Write));
    }

    [Fact]
    public void RejectReasonsAreWrittenAsTheSerializerWritesThem()
    {
        var problems = Tricky.Select((t, i) => new MailProblem(Odd0(i + 1), t)).ToList();
        Assert.Equal(JsonSerializer.Serialize(problems.Select(p => new { code = p.Code, detail = p.Detail })), MailImport.Reasons(problems));
        Assert.Equal("[]", MailImport.Reasons([]));
    }

    [Fact]
    public void ARecordLargerThanTheKeptBufferIsWrittenWholeAndTheNextOneAfterItToo()
    {
        var big = string.Join(" ", Enumerable.Repeat("Jörg <x@y> \"q\"", 200_000));
        var sender = new SenderFact(big);
        Assert.Equal(JsonSerializer.Serialize(sender, SeriesFactsJson.Default.SenderFact), Json.JsonLine.Default.Write(sender, SeriesFactWriter.Write));
        var small = new SenderFact("a@b");
        Assert.Equal("""{"from":"a@b"}""", Json.JsonLine.Default.Write(small, SeriesFactWriter.Write));
    }

    [Fact]
    public void EveryHwmonMailsRecordAndFactsAreWrittenAsTheSerializerWritesThem()
    {
        var path = Corpus.Require("lists", "linux-hwmon", "hwmon-2024H2.mbox");
        using var stream = File.OpenRead(path);
        int records = 0, facts = 0;
        foreach (var raw in new MboxReader(stream, path).Read())
        {
            var result = MailReader.Read(raw.Bytes, null);
            var record = MailRecord.Of(result);
            Assert.Equal(JsonSerializer.Serialize(record, RecordOptions), record.ToJson());
            records++;
            if (result.Mail is { } m && SeriesMailFactory.From(m, line => line.Contains("NAK", StringComparison.Ordinal)) is { } sm)
                foreach (var fact in SeriesFacts.Of(sm))
                {
                    Assert.Equal(Serialized(fact.Kind, fact.Data), fact.Data);
                    facts++;
                }
        }
        Assert.True(records > 2900 && facts > 2900, $"{records} records, {facts} facts");
    }
}
