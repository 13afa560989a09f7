using ReviewQueue.Core.Ingest;

namespace ReviewQueue.Core.Mail;

/// <summary>
/// One mail as the review process sees it. The commit side (<see cref="Author"/>,
/// <see cref="CommitSubject"/>, <see cref="CommitMessage"/>, <see cref="Diff"/>) follows
/// <c>git mailinfo -u</c> to the byte: in-body From:/Subject:/Date: override the headers, the
/// message ends at the first patch break, the diff is mailinfo's patch output.
/// </summary>
/// <param name="MessageId">Without angle brackets; null when the mail has none.</param>
/// <param name="From">The sender (From header).</param>
/// <param name="Author">The commit author as git am would record it (in-body From: wins).</param>
/// <param name="Date">The Date header; null when missing or unreadable.</param>
/// <param name="AuthorDate">The author date git am records: mailinfo's "Date:" (an in-body Date: wins over the header), read; null when none or unreadable.</param>
/// <param name="Arrived">When the mail reached us, if known.</param>
/// <param name="Received">When it reached the last server that stamped it (its topmost Received header with a readable date), if any.</param>
/// <param name="References">Message-IDs of the References header, oldest first, without brackets.</param>
/// <param name="CommitSubject">git's cleaned subject (mailinfo's "Subject:" info line).</param>
/// <param name="CommitMessage">The commit message body (mailinfo's msg file).</param>
/// <param name="Diff">The patch text (mailinfo's patch file); empty when none.</param>
/// <param name="Body">The readable text of the mail (all text parts decoded), for replies and trailers.</param>
/// <param name="Files">Paths touched, both sides of renames and copies, in diff order, once each.</param>
/// <param name="PatchId">git patch-id --stable of <see cref="Diff"/>; null where git prints none.</param>
/// <param name="Trailers">Trailers of the commit message (patches) or of the unquoted body (others).</param>
/// <param name="Problems">What was odd but not fatal (bad date, unknown charset, …).</param>
public sealed record PatchMail(
    MailKind Kind,
    string? MessageId,
    Person From,
    Person Author,
    DateTimeOffset? Date,
    DateTimeOffset? AuthorDate,
    DateTimeOffset? Arrived,
    DateTimeOffset? Received,
    string? InReplyTo,
    IReadOnlyList<string> References,
    string? ListId,
    SubjectLine Subject,
    string CommitSubject,
    string CommitMessage,
    string Diff,
    string Body,
    IReadOnlyList<FileChange> Changes,
    IReadOnlyList<string> Files,
    DiffStat DiffStat,
    string? PatchId,
    IReadOnlyList<Trailer> Trailers,
    string? BaseCommit,
    string? ChangeId,
    IReadOnlyList<Prerequisite> Prerequisites,
    PullRequest? Pull,
    IReadOnlyList<MailProblem> Problems)
{
    public bool HasDiff => Diff.Length > 0;

    /// <summary>No patch mail reached a list before this; a Date before it is a clock that was never set (1970-01-01).</summary>
    static readonly DateTimeOffset FirstPlausible = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// When the mail was sent, as the ledger counts it: its Date, unless that is missing, unreadable or a broken clock's
    /// (before 1990, or more than a day after the mail reached the list), where it is dated when it reached the list:
    /// its Received header, else its arrival. A day covers a sender's zone set wrong; a patch dated 2085 would
    /// otherwise wait from 2085 on, and one dated 1970 for 56 years. Null when nothing dates it.
    /// </summary>
    public DateTimeOffset? Sent
    {
        get
        {
            var reached = Received ?? Arrived;
            if (Date is not { } date)
                return reached;
            return reached is { } r && (date < FirstPlausible || date > r + TimeSpan.FromDays(1)) ? r : date;
        }
    }
}

/// <summary>A mail read into a <see cref="PatchMail"/>, or the problems that prevented it. Never an exception.</summary>
public sealed record MailReadResult(PatchMail? Mail, IReadOnlyList<MailProblem> Problems)
{
    public bool Failed => Mail is null;
}
