namespace ReviewQueue.Core.Ingest;

/// <summary>Something wrong with a mail, said as data: a stable code and a human detail.</summary>
public sealed record MailProblem(string Code, string Detail)
{
    public const string Unparseable = "Unparseable";
    public const string NoHeaders = "NoHeaders";
    public const string NoUsableHeaders = "NoUsableHeaders";
    public const string MissingMessageId = "MissingMessageId";
    public const string BadDate = "BadDate";
    public const string MissingDate = "MissingDate";
    public const string Empty = "Empty";
    /// <summary>The IMAP server lists the message but failed again and again to send it: kept with no bytes.</summary>
    public const string Unserved = "Unserved";
    /// <summary>The file it came from breaks off inside it (a gzip file cut short or damaged): it may be incomplete.</summary>
    public const string DamagedSource = "DamagedSource";
    /// <summary>Larger than a mail may be (<see cref="RawMail.MaxBytes"/>): only its start is kept.</summary>
    public const string TooLarge = "TooLarge";
    /// <summary>The file it is in could not be read (this user may not): kept with no bytes, the system's answer as the detail.</summary>
    public const string Unreadable = "Unreadable";

    public override string ToString() => $"{Code}: {Detail}";
}
