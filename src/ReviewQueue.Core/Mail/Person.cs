namespace ReviewQueue.Core.Mail;

/// <summary>A name and an address as read from a From header or an in-body From: line.</summary>
/// <param name="Name">The display name, unquoted; null when none was given.</param>
/// <param name="Email">The address as written.</param>
public sealed record Person(string? Name, string? Email)
{
    /// <summary>The address lower-cased and trimmed, for matching people.</summary>
    public string? NormalizedEmail => Email?.Trim().ToLowerInvariant();
}
