namespace ReviewQueue.Core.Ingest;

/// <summary>One message's bytes as it came in, and where from.</summary>
/// <param name="Source">The file, folder or account, for the operator (e.g. "hwmon.mbox#17").</param>
/// <param name="Arrived">When it reached us, if the source knows (maildir mtime, IMAP INTERNALDATE).</param>
/// <param name="Damage">What the source knows is wrong with it (its file breaks off inside it): kept as rejected.</param>
public sealed record RawMail(byte[] Bytes, string Source, DateTimeOffset? Arrived = null, MailProblem? Damage = null);
