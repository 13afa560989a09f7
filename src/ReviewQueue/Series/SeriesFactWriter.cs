using System.Text.Json;
using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Series;
using ReviewQueue.Json;

namespace ReviewQueue.Series;

/// <summary>
/// The facts' JSON (events.data), written field by field with the names (snake_case), order and
/// default escaping that JsonSerializer gives them through <see cref="SeriesFactsJson"/>, which still
/// reads them back; tests hold the two to the same bytes.
/// </summary>
public static class SeriesFactWriter
{
    public static void Write(Utf8JsonWriter w, SeriesMail m)
    {
        w.WriteStartObject();
        w.WriteString("message_id"u8, m.MessageId);
        w.WriteString("in_reply_to"u8, m.InReplyTo);
        JsonFields.Strings(w, "references"u8, m.References);
        w.WriteString("from_name"u8, m.FromName);
        w.WriteString("from_email"u8, m.FromEmail);
        w.WriteString("author_name"u8, m.AuthorName);
        w.WriteString("author_email"u8, m.AuthorEmail);
        w.WriteString("date"u8, m.Date);
        // An enum without a converter is its number.
        w.WriteNumber("kind"u8, (int)m.Kind);
        w.WriteString("title"u8, m.Title);
        w.WriteBoolean("subject_is_reply"u8, m.SubjectIsReply);
        w.WriteNumber("version"u8, m.Version);
        w.WriteBoolean("version_inferred"u8, m.VersionInferred);
        JsonFields.Number(w, "version_minor"u8, m.VersionMinor);
        w.WriteNumber("index"u8, m.Index);
        w.WriteNumber("total"u8, m.Total);
        w.WriteBoolean("counters_inferred"u8, m.CountersInferred);
        w.WriteBoolean("resend"u8, m.Resend);
        w.WriteBoolean("rfc"u8, m.Rfc);
        w.WriteString("stable_tree"u8, m.StableTree);
        w.WriteBoolean("has_diff"u8, m.HasDiff);
        w.WriteBoolean("has_diffstat"u8, m.HasDiffstat);
        w.WriteString("patch_id"u8, m.PatchId);
        JsonFields.Strings(w, "files"u8, m.Files);
        w.WriteString("change_id"u8, m.ChangeId);
        w.WriteString("base_commit"u8, m.BaseCommit);
        JsonFields.Objects(w, "commit_trailers"u8, m.CommitTrailers, TrailerFields);
        JsonFields.Objects(w, "followup_trailers"u8, m.FollowupTrailers, TrailerFields);
        w.WriteBoolean("nak"u8, m.Nak);
        JsonFields.Object(w, "applied"u8, m.Applied, AppliedFields);
        w.WriteBoolean("withdraws"u8, m.Withdraws);
        w.WriteBoolean("is_fix"u8, m.IsFix);
        w.WriteBoolean("is_posting"u8, m.IsPosting);
        w.WriteEndObject();
    }

    static void TrailerFields(Utf8JsonWriter w, Trailer t)
    {
        w.WriteString("name"u8, t.Name);
        w.WriteString("value"u8, t.Value);
        w.WriteString("person_name"u8, t.PersonName);
        w.WriteString("email"u8, t.Email);
        w.WriteString("canonical_name"u8, t.CanonicalName);
    }

    public static void Write(Utf8JsonWriter w, AppliedNote a) => JsonFields.Object(w, a, AppliedFields);

    static void AppliedFields(Utf8JsonWriter w, AppliedNote a)
    {
        w.WriteString("tree"u8, a.Tree);
        JsonFields.Objects(w, "items"u8, a.Items, static (w, i) =>
        {
            JsonFields.Number(w, "index"u8, i.Index);
            JsonFields.Number(w, "total"u8, i.Total);
            w.WriteString("title"u8, i.Title);
            w.WriteString("commit"u8, i.Commit);
        });
        // Facts stored before the field read it as false: their notes were never read as the whole series.
        w.WriteBoolean("whole_series"u8, a.WholeSeries);
        // Facts stored before these read them as null: their notes named no patch numbers.
        JsonFields.Numbers(w, "only"u8, a.Only);
        JsonFields.Numbers(w, "except"u8, a.Except);
        // Facts stored before it read it as false: their notes opened a line.
        w.WriteBoolean("in_passing"u8, a.InPassing);
    }

    public static void Write(Utf8JsonWriter w, TrailerFact t)
    {
        w.WriteStartObject();
        w.WriteString("name"u8, t.Name);
        w.WriteString("value"u8, t.Value);
        w.WriteString("person_name"u8, t.PersonName);
        w.WriteString("email"u8, t.Email);
        w.WriteString("parent"u8, t.Parent);
        w.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter w, SenderFact s)
    {
        w.WriteStartObject();
        w.WriteString("from"u8, s.From);
        w.WriteEndObject();
    }
}
