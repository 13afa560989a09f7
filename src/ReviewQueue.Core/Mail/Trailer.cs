namespace ReviewQueue.Core.Mail;

/// <summary>
/// A line <c>Name-With-Dashes: value</c> (Signed-off-by, Reviewed-by, Fixes, Link, Cc, …).
/// <see cref="PersonName"/> and <see cref="Email"/> are read from values like
/// <c>Name &lt;addr&gt;</c> or a bare address; both null when the value names no person.
/// </summary>
public sealed record Trailer(string Name, string Value, string? PersonName, string? Email)
{
    /// <summary>The name as the kernel writes it ("reviewed-by" → "Reviewed-by"), for comparisons.</summary>
    public string CanonicalName => TrailerReader.Canonical(Name);

    public override string ToString() => $"{Name}: {Value}";
}
