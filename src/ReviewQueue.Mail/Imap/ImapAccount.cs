using MailKit.Security;

namespace ReviewQueue.Mail.Imap;

/// <summary>What to do with a message on the server once it is stored in the ledger.</summary>
public enum AfterImport
{
    None,
    /// <summary>Mark it \Seen.</summary>
    Flag,
    /// <summary>Move it to <see cref="ImapAccount.MoveTo"/>.</summary>
    Move,
}

/// <summary>One IMAP mailbox to read, as plain values (the host turns its configuration into this).</summary>
/// <param name="ProtocolLog">A file for the IMAP conversation, credentials redacted; null: none.</param>
public sealed record ImapAccount(
    string Name,
    string Host,
    int Port,
    SecureSocketOptions Security,
    string User,
    string Password,
    IReadOnlyList<string> Folders,
    AfterImport AfterImport,
    string? MoveTo,
    string? ProtocolLog = null);
