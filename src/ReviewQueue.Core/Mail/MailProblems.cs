namespace ReviewQueue.Core.Mail;

/// <summary>Problem codes of the mail reader (the envelope's codes are on Ingest.MailProblem).</summary>
public static class MailProblems
{
    public const string UnknownCharset = "UnknownCharset";
    public const string UndecodableText = "UndecodableText";
    public const string DiffNotUtf8 = "DiffNotUtf8";
    public const string TruncatedDiff = "TruncatedDiff";
    public const string NoPatchId = "NoPatchId";
    public const string HtmlOnly = "HtmlOnly";
    public const string MissingFrom = "MissingFrom";
    public const string MissingSubject = "MissingSubject";
    public const string MailinfoError = "MailinfoError";
    public const string ReaderFailure = "ReaderFailure";
}
