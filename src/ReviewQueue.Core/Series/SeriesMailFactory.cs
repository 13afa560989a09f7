using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Series;

/// <summary>Turns the mail reader's <see cref="PatchMail"/> into what series assembly needs.</summary>
public static class SeriesMailFactory
{
    public static SeriesMail? From(PatchMail mail, Func<string, bool> isObjectionLine)
    {
        if (mail.MessageId is null)
            return null;
        var kind = mail.Kind switch
        {
            MailKind.Patch => SeriesMailKind.Patch,
            MailKind.CoverLetter => SeriesMailKind.Cover,
            MailKind.PullRequest => SeriesMailKind.PullRequest,
            MailKind.Reply => SeriesMailKind.Reply,
            _ => SeriesMailKind.Other,
        };
        bool posting = kind is SeriesMailKind.Patch or SeriesMailKind.Cover;
        var subject = mail.Subject;
        var commitTrailers = kind == SeriesMailKind.Patch ? mail.Trailers : [];
        return new SeriesMail
        {
            MessageId = mail.MessageId,
            InReplyTo = mail.InReplyTo,
            References = mail.References,
            FromName = mail.From.Name ?? mail.From.Email ?? "",
            FromEmail = mail.From.NormalizedEmail ?? "",
            AuthorName = mail.Author.Name ?? mail.Author.Email ?? mail.From.Name ?? "",
            AuthorEmail = mail.Author.NormalizedEmail ?? mail.From.NormalizedEmail ?? "",
            Date = mail.Date ?? mail.Arrived ?? DateTimeOffset.UnixEpoch,
            Kind = kind,
            Title = subject.Title,
            SubjectIsReply = subject.IsReply,
            Version = subject.Version,
            VersionInferred = subject.Inferred.Contains(SubjectLine.InferredVersion),
            VersionMinor = subject.SubVersion,
            Index = subject.Index,
            Total = subject.Total,
            CountersInferred = !subject.HasCounter,
            Resend = subject.Resend,
            Rfc = subject.Rfc,
            HasDiff = mail.HasDiff,
            HasDiffstat = mail.DiffStat.Files > 0,
            PatchId = mail.PatchId,
            Files = mail.Files,
            ChangeId = mail.ChangeId,
            BaseCommit = mail.BaseCommit,
            CommitTrailers = commitTrailers,
            FollowupTrailers = posting || kind == SeriesMailKind.PullRequest ? [] : mail.Trailers,
            Nak = !posting && ReplyNotes.Nak(mail.Body, isObjectionLine),
            Withdraws = !posting && ReplyNotes.Withdraws(mail.Body),
            Applied = posting ? null : ReplyNotes.Applied(mail.Body),
            IsFix = commitTrailers.Any(IsFixTrailer),
        };
    }

    /// <summary>Fixes: a commit, or Cc: stable (the kernel's way of asking for a backport).</summary>
    public static bool IsFixTrailer(Trailer t) =>
        t.CanonicalName == "Fixes"
        || (t.CanonicalName == "Cc" && t.Value.Contains("stable@", StringComparison.OrdinalIgnoreCase));
}
