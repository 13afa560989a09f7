namespace ReviewQueue.Core.Mail;

/// <summary>The switches of <c>git mailinfo</c> that change its output (defaults are git's, with -u).</summary>
/// <param name="Scissors">--scissors: a "-- &gt;8 --" line discards the message above it.</param>
/// <param name="InbodyHeaders">False for --no-inbody-headers.</param>
/// <param name="MessageId">--message-id: append "Message-Id: …" to the commit message.</param>
/// <param name="KeepSubject">-k: keep the subject as written.</param>
/// <param name="StripQuotedCr">--quoted-cr=strip: turn "\r\n" into "\n" in body lines.</param>
/// <param name="Mailsplit">Undo CRLF line ends first, as <c>git mailsplit</c> (and so <c>git am</c>) does.</param>
public sealed record MailInfoOptions(
    bool Scissors = false,
    bool InbodyHeaders = true,
    bool MessageId = false,
    bool KeepSubject = false,
    bool StripQuotedCr = false,
    bool Mailsplit = false)
{
    public static readonly MailInfoOptions Git = new();

    /// <summary>What <c>git am</c> does with a mail: mailsplit then mailinfo.</summary>
    public static readonly MailInfoOptions Am = new(Mailsplit: true);
}
