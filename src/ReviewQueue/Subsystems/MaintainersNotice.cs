namespace ReviewQueue.Subsystems;

/// <summary>
/// Whether a command says that no MAINTAINERS is configured. Said where someone reads it (`run`'s start, an import at a
/// terminal), not by each delivery of a mail server's `import -`, whose log would repeat it for every mail.
/// </summary>
public sealed record MaintainersNotice(bool SayMissing);
