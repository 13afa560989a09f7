namespace ReviewQueue.Core.Mail;

/// <summary>What one mail is to the review process (DOMAIN.md 2, "Kinds").</summary>
public enum MailKind
{
    /// <summary>Not a reply, carries a diff (inline or attached).</summary>
    Patch,
    /// <summary>The 0/N overview of a series, or a non-reply with a diffstat and no diff.</summary>
    CoverLetter,
    /// <summary><c>git request-pull</c> text.</summary>
    PullRequest,
    /// <summary>Answers one of the above (a reply quoting a diff is still a reply).</summary>
    Reply,
    Other,
}

public static class MailKindNames
{
    /// <summary>The word stored in messages.kind and printed by <c>inspect</c>.</summary>
    public static string Name(this MailKind kind) => kind switch
    {
        MailKind.Patch => "patch",
        MailKind.CoverLetter => "cover",
        MailKind.PullRequest => "pull",
        MailKind.Reply => "reply",
        _ => "other",
    };
}
