using System.Text.Json;
using ReviewQueue.Json;

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
        JsonFields.Object(w, "subject"u8, r.Subject, SubjectFields);
        JsonFields.Object(w, "author"u8, r.Author, PersonFields);
        JsonFields.Object(w, "from"u8, r.From, PersonFields);
        w.WritePropertyName("date"u8);
        if (r.Date is { } date)
            w.WriteStringValue(date);
        else
            w.WriteNullValue();
        w.WriteString("in_reply_to"u8, r.InReplyTo);
        JsonFields.Strings(w, "references"u8, r.References);
        w.WriteString("list_id"u8, r.ListId);
        w.WriteString("commit_subject"u8, r.CommitSubject);
        JsonFields.Strings(w, "files"u8, r.Files);
        JsonFields.Objects(w, "changes"u8, r.Changes, ChangeFields);
        JsonFields.Object(w, "diffstat"u8, r.Diffstat, static (w, d) =>
        {
            w.WriteNumber("files"u8, d.Files);
            w.WriteNumber("insertions"u8, d.Insertions);
            w.WriteNumber("deletions"u8, d.Deletions);
        });
        w.WriteString("patch_id"u8, r.PatchId);
        JsonFields.Objects(w, "trailers"u8, r.Trailers, static (w, t) =>
        {
            w.WriteString("name"u8, t.Name);
            w.WriteString("value"u8, t.Value);
            w.WriteString("person_name"u8, t.PersonName);
            w.WriteString("email"u8, t.Email);
        });
        w.WriteString("base_commit"u8, r.BaseCommit);
        w.WriteString("change_id"u8, r.ChangeId);
        JsonFields.Objects(w, "prerequisites"u8, r.Prerequisites, static (w, p) =>
        {
            w.WriteString("kind"u8, p.Kind);
            w.WriteString("value"u8, p.Value);
        });
        JsonFields.Object(w, "pull"u8, r.Pull, static (w, p) =>
        {
            w.WriteString("url"u8, p.Url);
            w.WriteString("branch"u8, p.Branch);
            w.WriteString("base"u8, p.Base);
            w.WriteString("head"u8, p.Head);
        });
        JsonFields.Objects(w, "problems"u8, r.Problems, static (w, p) =>
        {
            w.WriteString("code"u8, p.Code);
            w.WriteString("detail"u8, p.Detail);
        });
        w.WriteString("source"u8, r.Source);
        w.WriteEndObject();
    }

    static void SubjectFields(Utf8JsonWriter w, SubjectRecord s)
    {
        w.WriteString("raw"u8, s.Raw);
        JsonFields.Strings(w, "prefixes"u8, s.Prefixes);
        w.WriteNumber("version"u8, s.Version);
        JsonFields.Number(w, "sub_version"u8, s.SubVersion);
        w.WriteNumber("index"u8, s.Index);
        w.WriteNumber("total"u8, s.Total);
        w.WriteBoolean("rfc"u8, s.Rfc);
        w.WriteBoolean("resend"u8, s.Resend);
        w.WriteString("tree"u8, s.Tree);
        w.WriteBoolean("is_reply"u8, s.IsReply);
        w.WriteString("title"u8, s.Title);
        JsonFields.Strings(w, "inferred"u8, s.Inferred);
    }

    static void PersonFields(Utf8JsonWriter w, PersonRecord p)
    {
        w.WriteString("name"u8, p.Name);
        w.WriteString("email"u8, p.Email);
    }

    static void ChangeFields(Utf8JsonWriter w, ChangeRecord c)
    {
        w.WriteString("old_path"u8, c.OldPath);
        w.WriteString("new_path"u8, c.NewPath);
        w.WriteString("change"u8, c.Change);
        w.WriteBoolean("binary"u8, c.Binary);
        w.WriteString("old_mode"u8, c.OldMode);
        w.WriteString("new_mode"u8, c.NewMode);
        w.WriteNumber("insertions"u8, c.Insertions);
        w.WriteNumber("deletions"u8, c.Deletions);
    }
}
