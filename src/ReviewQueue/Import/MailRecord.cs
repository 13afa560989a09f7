using ReviewQueue.Core.Ingest;
using ReviewQueue.Core.Mail;
using ReviewQueue.Json;

namespace ReviewQueue.Import;

/// <summary>
/// What the mail reader says about one message, as stored in messages.parsed and printed by
/// <c>reviewqueue inspect --json</c> (snake_case). The raw mail stays in messages.raw.
/// </summary>
public sealed record MailRecord(
    string? MessageId,
    string? Kind,
    SubjectRecord? Subject,
    PersonRecord? Author,
    PersonRecord? From,
    DateTimeOffset? Date,
    string? InReplyTo,
    IReadOnlyList<string> References,
    string? ListId,
    string? CommitSubject,
    IReadOnlyList<string> Files,
    IReadOnlyList<ChangeRecord> Changes,
    DiffStatRecord? Diffstat,
    string? PatchId,
    IReadOnlyList<TrailerRecord> Trailers,
    string? BaseCommit,
    string? ChangeId,
    IReadOnlyList<Prerequisite> Prerequisites,
    PullRecord? Pull,
    IReadOnlyList<ProblemRecord> Problems,
    string? Source = null)
{
    /// <summary>The record on one line, as stored in messages.parsed: inspect's names and escaping (UnsafeRelaxedJsonEscaping).</summary>
    public string ToJson() => JsonLine.Relaxed.Write(this, MailRecordWriter.Write);

    public static MailRecord Of(MailReadResult result, string? source = null)
    {
        if (result.Mail is not { } m)
            return new MailRecord(null, null, null, null, null, null, null, [], null, null, [], [], null, null, [], null, null, [], null,
                result.Problems.Select(ProblemRecord.From).ToList(), source);
        var s = m.Subject;
        return new MailRecord(
            m.MessageId,
            m.Kind.Name(),
            new SubjectRecord(s.Raw, s.Prefixes, s.Version, s.SubVersion, s.Index, s.Total, s.Rfc, s.Resend, s.Tree, s.IsReply, s.Title, s.Inferred),
            new PersonRecord(m.Author.Name, m.Author.Email),
            new PersonRecord(m.From.Name, m.From.Email),
            m.Date,
            m.InReplyTo,
            m.References,
            m.ListId,
            m.CommitSubject,
            m.Files,
            m.Changes.Select(c => new ChangeRecord(c.OldPath, c.NewPath, c.Change.ToString().ToLowerInvariant(), c.Binary, c.OldMode, c.NewMode, c.Insertions, c.Deletions)).ToList(),
            new DiffStatRecord(m.DiffStat.Files, m.DiffStat.Insertions, m.DiffStat.Deletions),
            m.PatchId,
            m.Trailers.Select(t => new TrailerRecord(t.Name, t.Value, t.PersonName, t.Email)).ToList(),
            m.BaseCommit,
            m.ChangeId,
            m.Prerequisites,
            m.Pull is { } p ? new PullRecord(p.Url, p.Branch, p.Base, p.Head) : null,
            m.Problems.Select(ProblemRecord.From).ToList(),
            source);
    }
}

public sealed record SubjectRecord(string Raw, IReadOnlyList<string> Prefixes, int Version, int? SubVersion, int Index, int Total,
    bool Rfc, bool Resend, string? Tree, bool IsReply, string Title, IReadOnlyList<string> Inferred);

public sealed record PersonRecord(string? Name, string? Email);

public sealed record ChangeRecord(string? OldPath, string? NewPath, string Change, bool Binary, string? OldMode, string? NewMode, int Insertions, int Deletions);

public sealed record DiffStatRecord(int Files, int Insertions, int Deletions);

public sealed record TrailerRecord(string Name, string Value, string? PersonName, string? Email);

public sealed record PullRecord(string Url, string? Branch, string? Base, string? Head);

public sealed record ProblemRecord(string Code, string Detail)
{
    public static ProblemRecord From(MailProblem p) => new(p.Code, p.Detail);
}
