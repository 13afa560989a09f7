namespace ReviewQueue.Mail.Imap;

/// <summary>
/// The server failed while sending one message (the inner exception is its error, e.g. Dovecot's "FETCH failed: Internal
/// error" before it hangs up). It says which UID was in flight, so a message the server can never serve can be told from a
/// connection that merely broke; for the connection it means what the inner exception means (see <see cref="ImapFailure"/>).
/// </summary>
public sealed class MessageFetchException(string folder, uint uid, Exception inner)
    : Exception($"fetching UID {uid} of {folder}: {inner.Message}", inner)
{
    public string Folder { get; } = folder;
    public uint Uid { get; } = uid;
}
