namespace ReviewQueue.Series;

/// <summary>A revision as a git-am-ready mbox, or the Message-ID of the patch mail that has no readable diff.</summary>
public sealed record AmRevision(string Mbox, string? Unreadable);
