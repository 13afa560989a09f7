using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Series;

/// <summary>Turns the mail reader's <see cref="PatchMail"/> into what series assembly needs.</summary>
public static partial class SeriesMailFactory
{
    public static SeriesMail? From(PatchMail mail, Func<string, bool> isObjectionLine)
    {
        if (mail.MessageId is null)
            return null;
        // b4 calls a mail a patch when its text has "---"/"+++" lines, even where the hunks are
        // too mangled for a strict reader (stripped context lines, "@@@" headers).
        bool hasDiff = mail.Changes.Count > 0 || DiffLike().IsMatch(mail.Diff);
        bool loosePatch = mail.Kind == MailKind.Other && hasDiff && !mail.Subject.IsReply;
        var kind = loosePatch ? SeriesMailKind.Patch : mail.Kind switch
        {
            MailKind.Patch => SeriesMailKind.Patch,
            MailKind.CoverLetter => SeriesMailKind.Cover,
            MailKind.PullRequest => SeriesMailKind.PullRequest,
            MailKind.Reply => SeriesMailKind.Reply,
            _ => SeriesMailKind.Other,
        };
        bool posting = kind is SeriesMailKind.Patch or SeriesMailKind.Cover;
        var subject = mail.Subject;
        var commitTrailers = kind != SeriesMailKind.Patch ? []
            : loosePatch ? TrailerReader.FromCommitMessage(mail.CommitMessage) : mail.Trailers;
        // Postings carry no NAK, withdrawal or "Applied" note of their own.
        var notes = posting ? (false, false, null) : ReplyNotes.Read(mail.Body, isObjectionLine);
        return new SeriesMail
        {
            MessageId = mail.MessageId,
            InReplyTo = mail.InReplyTo,
            References = mail.References,
            FromName = mail.From.Name ?? mail.From.Email ?? "",
            FromEmail = mail.From.NormalizedEmail ?? "",
            AuthorName = mail.Author.Name ?? mail.Author.Email ?? mail.From.Name ?? "",
            AuthorEmail = mail.Author.NormalizedEmail ?? mail.From.NormalizedEmail ?? "",
            Date = mail.Sent ?? DateTimeOffset.UnixEpoch,
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
            StableTree = subject.StableTree,
            // mailinfo's patch part holds a cover letter's diffstat too: a diff means changed files.
            HasDiff = hasDiff,
            HasDiffstat = mail.DiffStat.Files > 0,
            PatchId = mail.PatchId,
            Files = mail.Files,
            ChangeId = mail.ChangeId,
            BaseCommit = mail.BaseCommit,
            CommitTrailers = commitTrailers,
            FollowupTrailers = posting || kind == SeriesMailKind.PullRequest ? [] : mail.Trailers.Select(WithoutMailto).ToList(),
            Nak = notes.Nak,
            Withdraws = notes.Withdraws,
            Applied = notes.Applied,
            IsFix = commitTrailers.Any(IsFixTrailer),
        };
    }

    /// <summary>HTML mailers paste "&lt;mailto:addr&gt;" into addresses; the trailer means the address before it.</summary>
    static Trailer WithoutMailto(Trailer t)
    {
        if (!t.Value.Contains("<mailto:", StringComparison.OrdinalIgnoreCase))
            return t;
        var value = Mailto().Replace(t.Value, "");
        var (name, email) = TrailerReader.Person(value);
        return new Trailer(t.Name, value, name, email);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<mailto:[^<>]*>", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Mailto();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(---.*\n\+\+\+|GIT binary patch|diff --git \w/\S+)", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex DiffLike();

    /// <summary>Fixes: a commit, or Cc: stable (the kernel's way of asking for a backport).</summary>
    public static bool IsFixTrailer(Trailer t) =>
        t.CanonicalName == "Fixes"
        || (t.CanonicalName == "Cc" && t.Value.Contains("stable@", StringComparison.OrdinalIgnoreCase));
}
