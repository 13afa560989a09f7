namespace ReviewQueue.Trees;

/// <summary>What tree work needs from a posted patch: its diff (as git mailinfo would cut it), author and title.</summary>
/// <param name="StableTree">The stable tree a backport is for ("6.6" from [PATCH AUTOSEL 6.6 …]), else null.</param>
public sealed record PostedPatch(string Diff, string? Email, string Title, DateTimeOffset? Date, string? BaseCommit, string? StableTree = null)
{
    /// <summary>
    /// A posted patch as the mail reader reads it (git mailinfo's cut: the diff, the commit author
    /// with in-body From: winning, git am's subject). Null for anything but a patch with a diff.
    /// </summary>
    public static PostedPatch? FromRaw(byte[] raw)
    {
        var mail = ReviewQueue.Core.Mail.MailReader.Read(raw, null).Mail;
        if (mail is null || mail.Kind != ReviewQueue.Core.Mail.MailKind.Patch || mail.Changes.Count == 0)
            return null;
        return new PostedPatch(mail.Diff, mail.Author.NormalizedEmail ?? mail.From.NormalizedEmail, mail.CommitSubject, mail.Date, mail.BaseCommit,
            mail.Subject.StableTree);
    }
}
