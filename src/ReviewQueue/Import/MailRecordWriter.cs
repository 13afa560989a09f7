using System.Text.Json;
using ReviewQueue.Core.Mail;

namespace ReviewQueue.Import;

/// <summary>
/// A <see cref="MailRecord"/> as JSON, written field by field in the order and with the names
/// (snake_case) and escaping that JsonSerializer gives it with <see cref="Commands.JsonOutput.Options"/>:
/// messages.parsed holds one per mail, and tests hold this to the serializer's bytes.
/// </summary>
public static class MailRecordWriter
{
    public static void Write(Utf8JsonWriter w, MailRecord r)
    {
        w.WriteStartObject();
        w.WriteString("message_id"u8, r.MessageId);
        w.WriteString("kind"u8, r.Kind);
        w.WritePropertyName("subject"u8);
        WriteSubject(w, r.Subject);
        w.WritePropertyName("author"u8);
        WritePerson(w, r.Author);
        w.WritePropertyName("from"u8);
        WritePerson(w, r.From);
        w.WritePropertyName("date"u8);
        if (r.Date is { } date)
            w.WriteStringValue(date);
        else
            w.WriteNullValue();
        w.WriteString("in_reply_to"u8, r.InReplyTo);
        WriteStrings(w, "references"u8, r.References);
        w.WriteString("list_id"u8, r.ListId);
        w.WriteString("commit_subject"u8, r.CommitSubject);
        WriteStrings(w, "files"u8, r.Files);
        w.WritePropertyName("changes"u8);
        WriteChanges(w, r.Changes);
        w.WritePropertyName("diffstat"u8);
        if (r.Diffstat is { } d)
        {
            w.WriteStartObject();
            w.WriteNumber("files"u8, d.Files);
            w.WriteNumber("insertions"u8, d.Insertions);
            w.WriteNumber("deletions"u8, d.Deletions);
            w.WriteEndObject();
        }
        else
            w.WriteNullValue();
        w.WriteString("patch_id"u8, r.PatchId);
        w.WritePropertyName("trailers"u8);
        WriteTrailers(w, r.Trailers);
        w.WriteString("base_commit"u8, r.BaseCommit);
        w.WriteString("change_id"u8, r.ChangeId);
        w.WritePropertyName("prerequisites"u8);
        WritePrerequisites(w, r.Prerequisites);
        w.WritePropertyName("pull"u8);
        if (r.Pull is { } p)
        {
            w.WriteStartObject();
            w.WriteString("url"u8, p.Url);
            w.WriteString("branch"u8, p.Branch);
            w.WriteString("base"u8, p.Base);
            w.WriteString("head"u8, p.Head);
            w.WriteEndObject();
        }
        else
            w.WriteNullValue();
        w.WritePropertyName("problems"u8);
        WriteProblems(w, r.Problems);
        w.WriteString("source"u8, r.Source);
        w.WriteEndObject();
    }

    static void WriteSubject(Utf8JsonWriter w, SubjectRecord? s)
    {
        if (s is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteString("raw"u8, s.Raw);
        WriteStrings(w, "prefixes"u8, s.Prefixes);
        w.WriteNumber("version"u8, s.Version);
        WriteNumber(w, "sub_version"u8, s.SubVersion);
        w.WriteNumber("index"u8, s.Index);
        w.WriteNumber("total"u8, s.Total);
        w.WriteBoolean("rfc"u8, s.Rfc);
        w.WriteBoolean("resend"u8, s.Resend);
        w.WriteString("tree"u8, s.Tree);
        w.WriteBoolean("is_reply"u8, s.IsReply);
        w.WriteString("title"u8, s.Title);
        WriteStrings(w, "inferred"u8, s.Inferred);
        w.WriteEndObject();
    }

    static void WritePerson(Utf8JsonWriter w, PersonRecord? p)
    {
        if (p is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteString("name"u8, p.Name);
        w.WriteString("email"u8, p.Email);
        w.WriteEndObject();
    }

    static void WriteChanges(Utf8JsonWriter w, IReadOnlyList<ChangeRecord>? changes)
    {
        if (changes is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartArray();
        foreach (var c in changes)
        {
            w.WriteStartObject();
            w.WriteString("old_path"u8, c.OldPath);
            w.WriteString("new_path"u8, c.NewPath);
            w.WriteString("change"u8, c.Change);
            w.WriteBoolean("binary"u8, c.Binary);
            w.WriteString("old_mode"u8, c.OldMode);
            w.WriteString("new_mode"u8, c.NewMode);
            w.WriteNumber("insertions"u8, c.Insertions);
            w.WriteNumber("deletions"u8, c.Deletions);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    static void WriteTrailers(Utf8JsonWriter w, IReadOnlyList<TrailerRecord>? trailers)
    {
        if (trailers is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartArray();
        foreach (var t in trailers)
        {
            w.WriteStartObject();
            w.WriteString("name"u8, t.Name);
            w.WriteString("value"u8, t.Value);
            w.WriteString("person_name"u8, t.PersonName);
            w.WriteString("email"u8, t.Email);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    static void WritePrerequisites(Utf8JsonWriter w, IReadOnlyList<Prerequisite>? prerequisites)
    {
        if (prerequisites is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartArray();
        foreach (var p in prerequisites)
        {
            w.WriteStartObject();
            w.WriteString("kind"u8, p.Kind);
            w.WriteString("value"u8, p.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    static void WriteProblems(Utf8JsonWriter w, IReadOnlyList<ProblemRecord>? problems)
    {
        if (problems is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartArray();
        foreach (var p in problems)
        {
            w.WriteStartObject();
            w.WriteString("code"u8, p.Code);
            w.WriteString("detail"u8, p.Detail);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>A list of strings, or null (a record built by hand may hold null where the reader gives []).</summary>
    internal static void WriteStrings(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<string>? values)
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

    internal static void WriteNumber(Utf8JsonWriter w, ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } n)
            w.WriteNumber(name, n);
        else
            w.WriteNull(name);
    }
}
