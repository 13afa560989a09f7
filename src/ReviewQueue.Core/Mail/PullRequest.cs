namespace ReviewQueue.Core.Mail;

/// <summary>What <c>git request-pull</c> says: "since commit BASE … available in the Git repository at: URL BRANCH".</summary>
/// <param name="Head">"for you to fetch changes up to HEAD" when given.</param>
public sealed record PullRequest(string Url, string? Branch, string? Base, string? Head);

/// <summary>A <c>prerequisite-patch-id:</c>, <c>prerequisite-change-id:</c> or <c>prerequisite-message-id:</c> line (b4).</summary>
public sealed record Prerequisite(string Kind, string Value);
